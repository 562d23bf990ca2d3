import type { Page } from "@playwright/test";
import { A11yAudit } from "../support/a11y";
import { DEMO, expect, linkIn, signIn, test } from "../support/fixtures";

/**
 * SPEC journey C, when linking an existing MGEN Connect identity goes wrong: wrong
 * passwords up to the lock, and a locked identity reset from its emailed link, then linked.
 * (connect-reset.spec.ts walks Hugo's reset from an email sign-in, F; here it starts from
 * the wizard's refusal, C.)
 */

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
const NEW_PASSWORD = "Tournesol velours parapluie 2031";

/** From a NIR sign-in to step 2 "link" with the proposed address (the contact email). */
async function reachLinkStep(page: Page, nir: string, email: string): Promise<void> {
  await signIn(page, nir, DEMO.espacePassword);
  await expect(page).toHaveURL(/\/migration$/);
  await expect(page.getByLabel("Adresse email")).toHaveValue(email);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(
    page.getByText("Cette adresse email est déjà associée à un identifiant MGEN Connect"),
  ).toBeVisible();
}

/** Types a password on the link step and waits for the server's answer. */
async function tryToLink(page: Page, password: string): Promise<void> {
  await page.getByLabel("Mot de passe MGEN Connect", { exact: true }).fill(password);
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.url().endsWith("/api/migration/link"),
  );
  await page.getByRole("button", { name: "Associer mon identifiant" }).click();
  await answered;
}

test("C, five wrong passwords while linking: Jean is warned, then told his identity is locked and a reset link is sent", async ({
  page,
  mailbox,
}) => {
  await reachLinkStep(page, DEMO.jean.nir, DEMO.jean.email);
  const password = page.getByLabel("Mot de passe MGEN Connect", { exact: true });
  const alert = page.getByRole("alert");
  for (let attempt = 1; attempt <= 4; attempt++) {
    await tryToLink(page, `Pas-le-bon-${attempt}`);
    await expect(alert).toContainText(
      "Mot de passe incorrect. Au bout de 5 erreurs, votre identifiant MGEN Connect sera bloqué.",
    );
    // Emptied and focused for the next try.
    await expect(password).toHaveValue("");
    await expect(password).toBeFocused();
  }
  await tryToLink(page, "Pas-le-bon-5");
  await expect(alert).toContainText("Votre identifiant MGEN Connect est bloqué.");
  await expect(alert).toContainText(
    "Vous allez recevoir un lien par email pour réinitialiser votre mot de passe.",
  );
  await expect(alert).toContainText(
    "reconnectez-vous avec votre numéro de sécurité sociale pour recommencer la procédure de changement d'identifiant",
  );
  await expect(
    alert.getByRole("link", { name: "Aide : identifiant MGEN Connect bloqué" }),
  ).toHaveAttribute("href", /\/aide#identite-connect-bloquee$/);
  // Nothing more to type here: the form gave way to the explanation.
  await expect(password).toHaveCount(0);

  // The reset link the lock promised, to the identity's address.
  const mail = await mailbox.waitFor(DEMO.jean.email, /^Votre identifiant MGEN Connect est bloqué/);
  linkIn(mail, "/connect/reinitialisation");

  // The way out of the wizard.
  await page.getByRole("button", { name: "Revenir à la connexion" }).click();
  await expect(page).toHaveURL(/\/connexion/);
  await expect(h1(page)).toHaveText("Connexion à votre Espace personnel");
});

test("C, locked identity: Hugo completes the emailed reset, then links his identity from his Espace's wizard", async ({
  page,
  mailbox,
}) => {
  const audit = new A11yAudit(page);
  await reachLinkStep(page, DEMO.hugo.nir, DEMO.hugo.email);
  await tryToLink(page, DEMO.connectPassword);
  await expect(page.getByRole("alert")).toContainText("Votre identifiant MGEN Connect est bloqué.");
  await page.getByRole("button", { name: "Revenir à la connexion" }).click();
  await expect(page).toHaveURL(/\/connexion/);

  // The reset link from his mailbox; his identity has no secret question.
  const mail = await mailbox.waitFor(DEMO.hugo.email, /^Votre identifiant MGEN Connect est bloqué/);
  await page.goto(linkIn(mail, "/connect/reinitialisation"));
  await expect(page).toHaveURL(/\/connect\/reinitialisation$/); // the token left the address bar
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByLabel("Nouveau mot de passe")).toBeVisible();
  await expect(page.getByLabel("Réponse à la question secrète")).toHaveCount(0);
  await audit.check("/connect/reinitialisation, form without a secret question");
  await page.getByLabel("Nouveau mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Confirmez le mot de passe").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
  await expect(h1(page)).toHaveText("Votre mot de passe MGEN Connect a été modifié");
  await expect(page.getByText("Votre identifiant est débloqué et validé.")).toBeVisible();
  // Linked to no Espace yet: the page says how to link it.
  await expect(
    page.getByText(
      "Pour associer cet identifiant à votre Espace personnel, connectez-vous avec votre numéro de sécurité sociale.",
    ),
  ).toBeVisible();
  await audit.check("/connect/reinitialisation, done (identity of no Espace)");
  await mailbox.waitFor(DEMO.hugo.email, /^Votre mot de passe MGEN Connect a été modifié/);

  // Back by NIR: the wizard links the identity, with its new password only.
  await page.getByRole("link", { name: "Me connecter" }).click();
  await page.getByLabel("Identifiant").fill(DEMO.hugo.nir);
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO.espacePassword);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/migration$/);
  await expect(page.getByLabel("Adresse email")).toHaveValue(DEMO.hugo.email);
  await page.getByRole("button", { name: "Continuer" }).click();
  await tryToLink(page, DEMO.connectPassword);
  await expect(page.getByRole("alert")).toContainText("Mot de passe incorrect.");
  await tryToLink(page, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/espace$/);
  await expect(h1(page)).toContainText("Bonjour Hugo");
  await expect(page.getByText(DEMO.hugo.email).first()).toBeVisible();
  audit.assertClean(2);
});
