import type { Page } from "@playwright/test";
import { A11yAudit } from "../support/a11y";
import { DEMO, expect, linkIn, type Mailbox, signIn, test } from "../support/fixtures";

/**
 * SPEC F: the MGEN Connect password reset. The emailed link opens the form; the secret
 * question, when the identity has one, is a second check on top of it (5 wrong answers a
 * day at most); completing the reset unlocks the identity and validates its address.
 */

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
const NEW_PASSWORD = "Tournesol velours parapluie 2031";
const LUC_QUESTION = "Quel était le nom de votre premier animal de compagnie ?";
const RESET_DONE = "Votre mot de passe MGEN Connect a été modifié";

/** Asks for a reset link on /connect/mot-de-passe-oublie; returns the emailed link. */
async function requestResetLink(page: Page, mailbox: Mailbox, email: string): Promise<string> {
  await expect(h1(page)).toHaveText("Mot de passe MGEN Connect oublié");
  await page.getByLabel("Adresse email").fill(email);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  const sent = page.getByRole("status").filter({ hasText: "1 heure" });
  await expect(sent).toContainText(
    "Si cette adresse correspond à un identifiant MGEN Connect, un email contenant un lien pour choisir un nouveau mot de passe vient de lui être envoyé.",
  );
  await expect(sent).toContainText("Le lien est valable 1 heure.");
  const mail = await mailbox.waitFor(email, /^Réinitialisez votre mot de passe MGEN Connect$/);
  return linkIn(mail, "/connect/reinitialisation");
}

/** Opens the emailed link and clicks « Continuer », as the page asks before using it. */
async function openResetLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await expect(page).toHaveURL(/\/connect\/reinitialisation$/); // the token left the address bar
  await expect(h1(page)).toHaveText("Nouveau mot de passe MGEN Connect");
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByLabel("Nouveau mot de passe")).toBeVisible();
}

async function fillNewPassword(page: Page, password: string): Promise<void> {
  await page.getByLabel("Nouveau mot de passe").fill(password);
  await page.getByLabel("Confirmez le mot de passe").fill(password);
}

test("F: Luc forgets his MGEN Connect password and resets it from the emailed link, answering his secret question", async ({
  page,
  mailbox,
}) => {
  // A wrong password by email: the alert leads to the MGEN Connect reset.
  await signIn(page, DEMO.luc.email, "Pas-le-bon-mot-de-passe");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Adresse email ou mot de passe incorrect.");
  await alert.getByRole("link", { name: "Mot de passe MGEN Connect oublié ?" }).click();
  const link = await requestResetLink(page, mailbox, DEMO.luc.email);

  await openResetLink(page, link);
  // The form asks his secret question, and its answer.
  await expect(page.getByText("Votre question secrète :")).toHaveText(
    `Votre question secrète : ${LUC_QUESTION}`,
  );
  await fillNewPassword(page, NEW_PASSWORD);
  await page.getByLabel("Réponse à la question secrète").fill("Médor");
  await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();

  await expect(h1(page)).toHaveText(RESET_DONE);
  await expect(
    page.getByText(
      "Votre identifiant est débloqué et validé. Vous pouvez vous connecter avec votre adresse email et ce nouveau mot de passe.",
    ),
  ).toBeVisible();
  // His identity is his Espace's already: no advice to link it.
  await expect(page.getByText("Pour associer cet identifiant")).toHaveCount(0);
  const notice = await mailbox.waitFor(
    DEMO.luc.email,
    /^Votre mot de passe MGEN Connect a été modifié$/,
  );
  expect(notice.text).toContain("Si vous n'êtes pas à l'origine de ce changement");

  // The way out: the old password no longer opens the Espace, the new one does.
  await page.getByRole("link", { name: "Me connecter" }).click();
  await expect(h1(page)).toHaveText("Connexion à votre Espace personnel");
  await page.getByLabel("Identifiant").fill(DEMO.luc.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO.connectPassword);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert")).toContainText("Adresse email ou mot de passe incorrect.");
  await page.getByLabel("Mot de passe", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/espace$/);
  await expect(h1(page)).toHaveText("Bonjour Luc");

  // The link was single use.
  await page.goto(link);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(h1(page)).toHaveText("Ce lien n'est plus valable");
  await expect(page.getByRole("link", { name: "Demander un nouveau lien" })).toHaveAttribute(
    "href",
    "/connect/mot-de-passe-oublie",
  );
});

test("F: five wrong answers to Luc's secret question suspend the reset, and send him to an adviser", async ({
  page,
  mailbox,
}) => {
  await page.goto("/connect/mot-de-passe-oublie");
  const link = await requestResetLink(page, mailbox, DEMO.luc.email);
  await openResetLink(page, link);
  await fillNewPassword(page, NEW_PASSWORD);

  const answer = page.getByLabel("Réponse à la question secrète");
  const wrong = ["Rex", "Milou", "Rantanplan", "Idéfix"];
  for (const [index, guess] of wrong.entries()) {
    await answer.fill(guess);
    await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
    const left = 4 - index;
    // Each wrong answer says so, and how many tries are left today; the link still works.
    await expect(
      page.getByText(
        `La réponse à votre question secrète ne correspond pas. Il vous reste ${left} essai${left > 1 ? "s" : ""} aujourd'hui.`,
      ),
    ).toBeVisible();
    await expect(answer).toHaveAccessibleDescription(/La réponse ne correspond pas/);
  }

  // The fifth: the reset is suspended, and the way out is the member service.
  await answer.fill("Pollux");
  await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
  await expect(h1(page)).toHaveText("Changement de mot de passe bloqué");
  await expect(page.getByRole("alert")).toContainText(
    "Trop de réponses erronées à votre question secrète ces dernières 24 heures : pour protéger votre compte, la réinitialisation est suspendue. Appelez un conseiller du service adhérents",
  );
  const callAdviser = page.getByText("Pour joindre un conseiller, appelez");
  await expect(callAdviser).toContainText(/le service adhérents au 36\s76/);
  await expect(callAdviser.getByRole("link", { name: /36\s76/ })).toHaveAttribute(
    "href",
    "tel:3676",
  );
  await expect(page.getByLabel("Réponse à la question secrète")).toHaveCount(0);
  await page.getByRole("link", { name: "Revenir à la connexion" }).click();
  await expect(h1(page)).toHaveText("Connexion à votre Espace personnel");

  // Even the right answer is no longer checked, with the same link.
  await openResetLink(page, link);
  await fillNewPassword(page, NEW_PASSWORD);
  await page.getByLabel("Réponse à la question secrète").fill("Médor");
  await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
  await expect(h1(page)).toHaveText("Changement de mot de passe bloqué");

  // The suspended reset is not turned against Luc: his password is unchanged and still
  // opens his Espace.
  await signIn(page, DEMO.luc.email, DEMO.connectPassword);
  await expect(page).toHaveURL(/\/espace$/);
  await expect(h1(page)).toHaveText("Bonjour Luc");
});

test("F: Hugo's locked identity is unlocked by the reset its lock emailed, then links to his Espace and signs in by email", async ({
  page,
  mailbox,
}) => {
  const audit = new A11yAudit(page);
  await signIn(page, DEMO.hugo.email, DEMO.connectPassword);
  await expect(page.getByRole("alert")).toContainText(
    "Votre identifiant MGEN Connect est bloqué. Vous allez recevoir un lien par email pour réinitialiser votre mot de passe.",
  );
  const mail = await mailbox.waitFor(
    DEMO.hugo.email,
    /^Votre identifiant MGEN Connect est bloqué$/,
  );
  expect(mail.text).toContain("Pour le débloquer, choisissez un nouveau mot de passe.");

  await openResetLink(page, linkIn(mail, "/connect/reinitialisation"));
  // His identity has no secret question: the password alone.
  await expect(page.getByLabel("Réponse à la question secrète")).toHaveCount(0);
  await audit.check("/connect/reinitialisation, form without a secret question");
  await fillNewPassword(page, NEW_PASSWORD);
  await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
  await expect(h1(page)).toHaveText(RESET_DONE);
  await expect(page.getByText("Votre identifiant est débloqué et validé.")).toBeVisible();
  // Linked to no Espace yet: the page says how to link it.
  await expect(
    page.getByText(
      "Pour associer cet identifiant à votre Espace personnel, connectez-vous avec votre numéro de sécurité sociale.",
    ),
  ).toBeVisible();
  await audit.check("/connect/reinitialisation, done (identity of no Espace)");

  // Unlocked: the new password is accepted (the identity only lacks its Espace).
  await page.getByRole("link", { name: "Me connecter" }).click();
  await page.getByLabel("Identifiant").fill(DEMO.hugo.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText(
    "Cet identifiant MGEN Connect n'est associé à aucun Espace personnel.",
  );
  await alert
    .getByRole("link", { name: "Se connecter avec mon numéro de sécurité sociale" })
    .click();
  await expect(page.getByLabel("Identifiant")).toBeFocused();
  await expect(page.getByLabel("Identifiant")).toHaveValue("");
  await page.getByLabel("Identifiant").fill(DEMO.hugo.nir);
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO.espacePassword);
  await page.getByRole("button", { name: "Se connecter" }).click();

  // The wizard links the unlocked identity with its new password only.
  await expect(page).toHaveURL(/\/migration$/);
  await expect(page.getByLabel("Adresse email")).toHaveValue(DEMO.hugo.email);
  await page.getByRole("button", { name: "Continuer" }).click();
  const linkPassword = page.getByLabel("Mot de passe MGEN Connect", { exact: true });
  await linkPassword.fill(DEMO.connectPassword);
  await page.getByRole("button", { name: "Associer mon identifiant" }).click();
  await expect(page.getByRole("alert")).toContainText("Mot de passe incorrect.");
  await linkPassword.fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Associer mon identifiant" }).click();
  await expect(page).toHaveURL(/\/espace$/);
  await expect(h1(page)).toHaveText("Bonjour Hugo");

  // From now on his email signs in.
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  await signIn(page, DEMO.hugo.email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/espace$/);
  await expect(h1(page)).toHaveText("Bonjour Hugo");
  audit.assertClean(2);
});
