import type { Locator, Page } from "@playwright/test";
import { A11yAudit } from "../support/a11y";
import { DEMO, expect, linkIn, signIn, test } from "../support/fixtures";

/**
 * SPEC journey A, the branches that refuse a sign-in: what the member is told, and the
 * link or button that gets them out. Each test uses the demo member the README names.
 * Where each message's help link leads is walked by help-anchors.spec.ts (G); the MGEN
 * Connect reset itself by connect-reset.spec.ts (F).
 */

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
/** Well formed, right key (97 − 1900175000001 mod 97 = 29), and the NIR of no Espace. */
const UNKNOWN_NIR = "1 90 01 75 000 001 29";

/** Clicks the sign-in button and waits for the server's answer (never a stale alert). */
async function submitSignIn(page: Page): Promise<void> {
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && /\/api\/login\/(nir|email)$/.test(r.url()),
  );
  await page.getByRole("button", { name: "Se connecter" }).click();
  await answered;
}

async function signInAgain(page: Page, password: string): Promise<Locator> {
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await submitSignIn(page);
  return page.getByRole("alert");
}

test("A, unknown NIR: the same refusal as a wrong password, and its ways out", async ({ page }) => {
  // A known NIR with a wrong password: the refusal to compare with.
  await signIn(page, DEMO.marie.nir, "Pas-le-bon-mot-de-passe");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Numéro de sécurité sociale ou mot de passe incorrect.");
  const knownRefusal = (await alert.textContent()) ?? "";

  await signIn(page, UNKNOWN_NIR, DEMO.espacePassword);
  // Word for word the same: the page does not say whether the NIR is a member's.
  await expect(alert).toHaveText(knownRefusal);
  await expect(alert).toContainText("Au bout de 5 erreurs, votre compte sera bloqué.");
  await expect(alert.getByRole("link", { name: "Aide : mot de passe oublié" })).toHaveAttribute(
    "href",
    /\/aide#mot-de-passe-oublie$/,
  );
  await expect(page).toHaveURL(/\/connexion$/);

  // The way out: the forgotten-password form (its neutral answer: legacy-troubleshooting).
  await alert.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expect(page).toHaveURL(/\/mot-de-passe-oublie$/);
  await expect(h1(page)).toHaveText("Mot de passe oublié");
  await expect(page.getByLabel("Numéro de sécurité sociale")).toBeVisible();
});

test("A, by email: Luc's wrong passwords are refused, the 5th locks his identity, even against the right one, and emails a reset link", async ({
  page,
  mailbox,
}) => {
  const audit = new A11yAudit(page);
  await page.goto("/connexion");
  await page.getByLabel("Identifiant").fill(DEMO.luc.email);
  let alert: Locator = page.getByRole("alert");
  for (let attempt = 1; attempt <= 4; attempt++) {
    alert = await signInAgain(page, `Erreur-de-saisie-${attempt}`);
    await expect(alert).toContainText("Adresse email ou mot de passe incorrect.");
    await expect(alert).toContainText(
      "Au bout de 5 erreurs, votre identifiant MGEN Connect sera bloqué.",
    );
    await expect(
      alert.getByRole("link", { name: "Mot de passe MGEN Connect oublié ?" }),
    ).toHaveAttribute("href", "/connect/mot-de-passe-oublie");
    if (attempt === 1) await audit.check("/connexion, INVALID_CREDENTIALS by email");
  }
  alert = await signInAgain(page, "Erreur-de-saisie-5");
  await expect(alert).toContainText("Votre identifiant MGEN Connect est bloqué.");
  await expect(alert).toContainText(
    "Vous allez recevoir un lien par email pour réinitialiser votre mot de passe.",
  );
  // Locked: even the right password is refused now.
  alert = await signInAgain(page, DEMO.connectPassword);
  await expect(alert).toContainText("Votre identifiant MGEN Connect est bloqué.");
  await expect(page).toHaveURL(/\/connexion$/);

  // The way out: the reset link the lock sent (its completion unlocks the identity:
  // connect-reset.spec.ts, F, walks it for Hugo).
  const mail = await mailbox.waitFor(DEMO.luc.email, /^Votre identifiant MGEN Connect est bloqué/);
  expect(mail.text).toContain("bloqué après plusieurs erreurs de saisie du mot de passe");
  linkIn(mail, "/connect/reinitialisation");
  audit.assertClean(1);
});

test("A, by email, identity locked: Hugo is told a reset link is on its way and reaches the MGEN Connect reset", async ({
  page,
  mailbox,
}) => {
  await signIn(page, DEMO.hugo.email, DEMO.connectPassword);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText(
    "Votre identifiant MGEN Connect est bloqué. Vous allez recevoir un lien par email pour réinitialiser votre mot de passe.",
  );
  // The link was really sent, by the refusal itself.
  const mail = await mailbox.waitFor(DEMO.hugo.email, /^Votre identifiant MGEN Connect est bloqué/);
  linkIn(mail, "/connect/reinitialisation");

  // Or a new one, asked from the way out the alert offers.
  await alert.getByRole("link", { name: "Réinitialiser mon mot de passe MGEN Connect" }).click();
  await expect(page).toHaveURL(/\/connect\/mot-de-passe-oublie$/);
  await expect(h1(page)).toHaveText("Mot de passe MGEN Connect oublié");
  await page.getByLabel("Adresse email").fill(DEMO.hugo.email);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 heure" })).toContainText(
    "Si cette adresse correspond à un identifiant MGEN Connect",
  );
});

test("A, by email, identity not validated: Emma is told a reset link was sent, and it is in her mailbox", async ({
  page,
  mailbox,
}) => {
  await signIn(page, DEMO.emma.email, DEMO.connectPassword);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Votre identifiant MGEN Connect n'a pas été validé.");
  await expect(alert).toContainText(
    "Un email contenant un lien de réinitialisation de votre mot de passe vient de vous être envoyé.",
  );
  await expect(
    alert.getByRole("link", { name: "Réinitialiser mon mot de passe MGEN Connect" }),
  ).toHaveAttribute("href", "/connect/mot-de-passe-oublie");
  const mail = await mailbox.waitFor(DEMO.emma.email, /^Réinitialisez/);
  expect(mail.text).toContain("cela validera aussi votre adresse email");
  linkIn(mail, "/connect/reinitialisation");
  // Its help section (the alert's other link) is walked by help-anchors.spec.ts.
});

test("A, by email, identity linked to no Espace: Jean is sent back to his NIR, which opens the wizard", async ({
  page,
}) => {
  await signIn(page, DEMO.jean.email, DEMO.connectPassword);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText(
    "Cet identifiant MGEN Connect n'est associé à aucun Espace personnel. Connectez-vous une première fois avec votre numéro de sécurité sociale.",
  );
  await expect(alert.getByRole("link", { name: "Consulter l'aide" })).toHaveAttribute(
    "href",
    "/aide",
  );
  await expect(page).toHaveURL(/\/connexion$/);

  // The way out: the identifier field, emptied for the NIR.
  await alert
    .getByRole("link", { name: "Se connecter avec mon numéro de sécurité sociale" })
    .click();
  const identifier = page.getByLabel("Identifiant");
  await expect(identifier).toBeFocused();
  await expect(identifier).toHaveValue("");
  await identifier.fill(DEMO.jean.nir);
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO.espacePassword);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/migration$/);
  await expect(h1(page)).toContainText("Bonjour Jean");
  await expect(page.getByLabel("Adresse email")).toHaveValue(DEMO.jean.email);
  await page.getByRole("button", { name: "Continuer" }).click();
  // His address is that identity: the wizard offers to link it.
  await expect(
    page.getByText("Cette adresse email est déjà associée à un identifiant MGEN Connect"),
  ).toBeVisible();
  await expect(page.getByLabel("Mot de passe MGEN Connect", { exact: true })).toBeVisible();
});
