import type { Page } from "@playwright/test";
import { DEMO, expect, linkIn, signIn, test } from "../support/fixtures";

/**
 * SPEC journey C, when linking an existing MGEN Connect identity goes wrong: wrong
 * passwords up to the lock, and its way out. (Hugo's identity, locked already, reset from
 * its emailed link and then linked: connect-reset.spec.ts, F.)
 */

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });

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
