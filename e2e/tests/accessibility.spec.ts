import { A11yAudit } from "../support/a11y";
import {
  DEMO,
  expect,
  fillIdentity,
  linkIn,
  type Mailbox,
  signIn,
  test,
} from "../support/fixtures";

/**
 * axe-core (WCAG 2.1 A + AA) over every route and every state a member can reach, and no
 * sideways scrolling at 360 px. Few tests, many states each: every test starts an app.
 */

const h1 = (page: import("@playwright/test").Page) => page.getByRole("heading", { level: 1 });

test("pages reached without a session, empty and in error", async ({ page }) => {
  const audit = new A11yAudit(page);

  await page.goto("/connexion");
  await expect(h1(page)).toHaveText("Connexion à votre Espace personnel");
  await audit.check("/connexion, empty");

  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await audit.check("/connexion, submitted empty (error summary)");

  await page.goto("/connexion");
  await page.getByLabel("Identifiant").fill("2 90 08 69 123 045 12");
  await page.getByLabel("Identifiant").blur();
  await expect(page.getByText("La clé de contrôle ne correspond pas")).toBeVisible();
  await audit.check("/connexion, NIR key error");

  for (const path of ["/mot-de-passe-oublie", "/debloquer-mon-compte"]) {
    await page.goto(path);
    await expect(page.getByLabel("Numéro de sécurité sociale")).toBeVisible();
    await audit.check(`${path}, empty`);
    await page.getByLabel("Jour").fill("31");
    await page.getByLabel("Mois").fill("02");
    await page
      .getByRole("button")
      .filter({ hasText: /Recevoir un lien|Débloquer/ })
      .click();
    await expect(page.locator(".error-summary")).toBeVisible();
    await audit.check(`${path}, errors`);
  }
  await fillIdentity(page, DEMO.paul.nir, DEMO.paul.born);
  await page.getByRole("button", { name: "Débloquer mon compte" }).click();
  await expect(h1(page)).toHaveText("Demande envoyée");
  await audit.check("/debloquer-mon-compte, sent");

  audit.assertClean(8);
});

test("links, help, 404 and the development mailbox", async ({ page }) => {
  const audit = new A11yAudit(page);

  await page.goto("/reinitialisation");
  await expect(h1(page)).toHaveText(/plus valable/);
  await audit.check("/reinitialisation, invalid link");

  await page.goto("/connect/mot-de-passe-oublie");
  await expect(page.getByLabel("Adresse email")).toBeVisible();
  await audit.check("/connect/mot-de-passe-oublie, empty");
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.locator(".error-summary")).toBeVisible();
  await audit.check("/connect/mot-de-passe-oublie, errors");
  await page.getByLabel("Adresse email").fill(DEMO.luc.email);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 heure" })).toBeVisible();
  await audit.check("/connect/mot-de-passe-oublie, sent");

  // Pages opened from an emailed link wait for the member's click before using it.
  await page.goto("/connect/reinitialisation#token=not-a-real-token");
  await expect(page.getByRole("button", { name: "Continuer" })).toBeVisible();
  await audit.check("/connect/reinitialisation, before « Continuer »");
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(h1(page)).toHaveText("Ce lien n'est plus valable");
  await audit.check("/connect/reinitialisation, invalid link");

  await page.goto("/validation-email#token=not-a-real-token");
  await expect(page.getByRole("button", { name: "Valider mon adresse" })).toBeVisible();
  await audit.check("/validation-email, before « Valider mon adresse »");
  await page.getByRole("button", { name: "Valider mon adresse" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await audit.check("/validation-email, invalid token");

  await page.goto("/annuler-changement-identifiant#token=not-a-real-token");
  await expect(page.getByRole("button", { name: "Annuler cette demande" })).toBeVisible();
  await audit.check("/annuler-changement-identifiant, before « Annuler cette demande »");
  await page.getByRole("button", { name: "Annuler cette demande" }).click();
  await expect(h1(page)).toHaveText("Ce lien n'est plus valable");
  await audit.check("/annuler-changement-identifiant, invalid link");

  await page.goto("/aide");
  await expect(h1(page)).toHaveText("Aide à la connexion");
  await audit.check("/aide");

  await page.goto("/aide/creer-une-adresse-email");
  await expect(h1(page)).toHaveText("Créer une adresse email");
  await audit.check("/aide/creer-une-adresse-email");

  await page.goto("/nulle-part");
  await expect(h1(page)).toHaveText("Page introuvable");
  await audit.check("404");

  await page.goto("/connect/mot-de-passe-oublie");
  await page.getByLabel("Adresse email").fill(DEMO.luc.email);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("status").filter({ hasText: /message/ })).toBeVisible();
  await audit.check("/dev/mailbox");
  await page
    .getByRole("button", { name: /Réinitialisez/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 2, name: /Réinitialisez/ })).toBeVisible();
  await audit.check("/dev/mailbox, a message open", { exclude: [".mailbox-html"] });

  audit.assertClean(15);
});

test("every alert of a refused sign-in", async ({ page }) => {
  const audit = new A11yAudit(page);
  const cases = [
    ["INVALID_CREDENTIALS", DEMO.marie.nir, "mauvais-mot-de-passe"],
    ["ACCOUNT_LOCKED (Paul)", DEMO.paul.nir, DEMO.espacePassword],
    ["ALREADY_MIGRATED (Luc)", DEMO.luc.nir, DEMO.espacePassword],
    ["NO_PASSWORD (Claire)", DEMO.claire.nir, DEMO.espacePassword],
    ["IDENTITY_LOCKED (Hugo)", DEMO.hugo.email, DEMO.connectPassword],
    ["IDENTITY_NOT_VALIDATED (Emma)", DEMO.emma.email, DEMO.connectPassword],
    ["IDENTITY_NOT_LINKED (Jean)", DEMO.jean.email, DEMO.connectPassword],
  ] as const;
  for (const [name, identifier, password] of cases) {
    await signIn(page, identifier, password);
    await expect(page.getByRole("alert")).toBeVisible();
    await audit.check(`/connexion, ${name}`);
  }
  audit.assertClean(cases.length);
});

test("the wizard creating an identity, then the Espace", async ({ page }) => {
  const audit = new A11yAudit(page);

  await signIn(page, DEMO.marie.nir, DEMO.espacePassword);
  await expect(page).toHaveTitle(/^Étape 1 sur 3/);
  await audit.check("wizard step 1 (Marie)");

  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page).toHaveTitle(/^Étape 2 sur 3/);
  await audit.check("wizard step 2, security");

  await page.getByLabel("Nouveau mot de passe").fill("marie-dupont-1990");
  await page.getByLabel("Confirmez le mot de passe").fill("marie-dupont-1990");
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.locator(".error-summary")).toBeVisible();
  await expect(page.locator(".strength__label")).toBeVisible();
  await audit.check("wizard step 2, weak password (error summary)");

  const strong = "Girafe bleue sous la pluie d'automne";
  await page.getByLabel("Nouveau mot de passe").fill(strong);
  await page.getByLabel("Confirmez le mot de passe").fill(strong);
  await page.getByLabel("Question secrète", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Réponse à la question secrète").fill("Rex");
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page).toHaveURL(/\/espace$/);
  await expect(page.getByRole("status").filter({ hasText: /./ })).toBeVisible();
  await audit.check("/espace, just migrated");

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("status").filter({ hasText: /./ })).toBeVisible();
  await audit.check("/connexion, signed out notice");

  await signIn(page, DEMO.sophie.nir, DEMO.espacePassword);
  await expect(page).toHaveTitle(/^Étape 1 sur 3/);
  await audit.check("wizard step 1, contact email taken (Sophie)");
  await page.getByLabel("Adresse email").fill("famille.bernard@example.fr");
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.locator(".error-summary")).toBeVisible();
  await audit.check("wizard step 1, EMAIL_TAKEN");

  audit.assertClean(7);
});

test("the wizard linking an identity, refused links, and a pending validation", async ({
  page,
  mailbox,
}) => {
  const audit = new A11yAudit(page);

  await signIn(page, DEMO.jean.nir, DEMO.espacePassword);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByLabel("Mot de passe MGEN Connect", { exact: true })).toBeVisible();
  await audit.check("wizard step 2, link (Jean)");
  await page.getByLabel("Mot de passe MGEN Connect", { exact: true }).fill("pas-le-bon");
  await page.getByRole("button", { name: "Associer mon identifiant" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await audit.check("wizard step 2, link, wrong password");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/connexion/);

  for (const member of [DEMO.emma, DEMO.hugo]) {
    await signIn(page, member.nir, DEMO.espacePassword);
    await page.getByRole("button", { name: "Continuer" }).click();
    await page.getByLabel("Mot de passe MGEN Connect", { exact: true }).fill(DEMO.connectPassword);
    await page.getByRole("button", { name: "Associer mon identifiant" }).click();
    await expect(page.getByRole("button", { name: "Revenir à la connexion" })).toBeVisible();
    await audit.check(`wizard step 2, link refused (${member.email})`);
    await page.getByRole("button", { name: "Revenir à la connexion" }).click();
    await expect(page).toHaveURL(/\/connexion/);
  }

  await signIn(page, DEMO.antoine.nir, DEMO.espacePassword);
  await page.getByLabel("Adresse email").fill("antoine.perso@example.org");
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page).toHaveTitle(/^Étape 2 sur 3/);
  const strong = "Girafe bleue sous la pluie d'automne";
  await page.getByLabel("Nouveau mot de passe").fill(strong);
  await page.getByLabel("Confirmez le mot de passe").fill(strong);
  await page.getByLabel("Question secrète", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Réponse à la question secrète").fill("Rex");
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page).toHaveTitle(/^Étape 3 sur 3/);
  await audit.check("wizard step 3, pending (Antoine)");
  // Asked again at once: the server's throttle answers, with the delay to wait.
  await page.getByRole("button", { name: "Renvoyer l'email" }).click();
  await expect(page.getByRole("alert")).toContainText("Vous pourrez en demander un autre");
  await audit.check("wizard step 3, resend throttled");

  // The contact address's link cancels the pending change.
  await page.goto(await mailbox.waitForLink(DEMO.antoine.email, "/annuler-changement-identifiant"));
  await page.getByRole("button", { name: "Annuler cette demande" }).click();
  await expect(h1(page)).toHaveText("La demande est annulée");
  await audit.check("/annuler-changement-identifiant, cancelled");

  audit.assertClean(7);
});

test("pages opened from a valid Espace link, the password changed, and an address validated", async ({
  page,
  mailbox,
}) => {
  const audit = new A11yAudit(page);
  const strong = "Girafe bleue sous la pluie d'automne";

  await page.goto("/mot-de-passe-oublie");
  await fillIdentity(page, DEMO.paul.nir, DEMO.paul.born);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(h1(page)).toHaveText("Demande envoyée");
  await audit.check("/mot-de-passe-oublie, sent");

  const reset = await mailbox.waitFor(DEMO.paul.email, /^Choisissez un nouveau mot de passe$/);
  await page.goto(linkIn(reset, "/reinitialisation"));
  await expect(h1(page)).toHaveText("Choisissez un nouveau mot de passe");
  await audit.check("/reinitialisation, form (valid link)");
  await page.getByLabel("Nouveau mot de passe").fill(strong);
  await page.getByLabel("Confirmez le mot de passe").fill(strong);
  await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
  await expect(h1(page)).toHaveText("Votre mot de passe a été modifié");
  await audit.check("/reinitialisation, password changed");

  // Antoine's validation link, opened without the wizard's session: validated, sign in.
  await signIn(page, DEMO.antoine.nir, DEMO.espacePassword);
  await page.getByLabel("Adresse email").fill("antoine.perso@example.org");
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByLabel("Nouveau mot de passe").fill(strong);
  await page.getByLabel("Confirmez le mot de passe").fill(strong);
  await page.getByLabel("Question secrète", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Réponse à la question secrète").fill("Rex");
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page).toHaveTitle(/^Étape 3 sur 3/);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/connexion/);
  const validation = await mailbox.waitFor("antoine.perso@example.org", /^Validez/);
  await page.goto(linkIn(validation, "/validation-email"));
  await page.getByRole("button", { name: "Valider mon adresse" }).click();
  await expect(h1(page)).toHaveText("Votre adresse email est validée");
  await audit.check("/validation-email, validated (no session)");

  audit.assertClean(4);
});

const STRONG = "Girafe bleue sous la pluie d'automne";

/** Asks for an MGEN Connect reset link for `email`, opens it and fills the new password. */
async function openConnectResetForm(
  page: import("@playwright/test").Page,
  mailbox: Mailbox,
  email: string,
): Promise<void> {
  await page.goto("/connect/mot-de-passe-oublie");
  await page.getByLabel("Adresse email").fill(email);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 heure" })).toBeVisible();
  const mail = await mailbox.waitFor(email, /^Réinitialisez/);
  await page.goto(linkIn(mail, "/connect/reinitialisation"));
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByLabel("Réponse à la question secrète")).toBeVisible();
  await page.getByLabel("Nouveau mot de passe").fill(STRONG);
  await page.getByLabel("Confirmez le mot de passe").fill(STRONG);
}

test("the MGEN Connect reset from a valid link: the secret question, a wrong answer, the password changed", async ({
  page,
  mailbox,
}) => {
  const audit = new A11yAudit(page);
  const save = page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" });

  await openConnectResetForm(page, mailbox, DEMO.luc.email);
  await audit.check("/connect/reinitialisation, form with the secret question (valid link)");
  await page.getByLabel("Réponse à la question secrète").fill("Rex");
  await save.click();
  await expect(page.locator(".error-summary")).toBeVisible();
  await expect(page.getByText("Il vous reste 4 essais")).toBeVisible();
  await audit.check("/connect/reinitialisation, wrong secret answer");
  await page.getByLabel("Réponse à la question secrète").fill("Médor");
  await save.click();
  await expect(h1(page)).toHaveText("Votre mot de passe MGEN Connect a été modifié");
  await audit.check("/connect/reinitialisation, password changed");

  await signIn(page, DEMO.luc.email, STRONG);
  await expect(page).toHaveURL(/\/espace$/);
  await expect(page.getByText(/^Identifiant changé le/)).toBeVisible();
  await audit.check("/espace, signed in by email");

  audit.assertClean(4);
});

test("the MGEN Connect reset suspended after five wrong secret answers", async ({
  page,
  mailbox,
}) => {
  const audit = new A11yAudit(page);
  const save = page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" });

  // Marc's identity has a secret question too.
  await openConnectResetForm(page, mailbox, "famille.bernard@example.fr");
  for (const [index, guess] of ["Rex", "Milou", "Rantanplan", "Idéfix"].entries()) {
    await page.getByLabel("Réponse à la question secrète").fill(guess);
    await save.click();
    await expect(page.getByText(`Il vous reste ${4 - index} essai`)).toBeVisible();
  }
  await page.getByLabel("Réponse à la question secrète").fill("Pollux");
  await save.click();
  await expect(h1(page)).toHaveText("Changement de mot de passe bloqué");
  await audit.check("/connect/reinitialisation, secret answers locked");

  audit.assertClean(1);
});
