import { DEMO, expect, linkIn, signIn, test } from "../support/fixtures";

const NEW_PASSWORD = "Tournesol velours parapluie 2031";

test("Emma's identity is not validated: she follows the reset link, then restarts and links it", async ({
  page,
  mailbox,
}) => {
  await signIn(page, DEMO.emma.nir, DEMO.espacePassword);
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByLabel("Mot de passe MGEN Connect", { exact: true }).fill(DEMO.connectPassword);
  await page.getByRole("button", { name: "Associer mon identifiant" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Votre identifiant MGEN Connect n'a pas été validé.");
  await expect(alert).toContainText(
    "reconnectez-vous avec votre numéro de sécurité sociale pour recommencer la procédure de changement d'identifiant",
  );

  const mail = await mailbox.waitFor(DEMO.emma.email, /Réinitialisez/);
  await page.goto(linkIn(mail, "/connect/reinitialisation"));
  await expect(page).toHaveURL(/\/connect\/reinitialisation$/); // the token left the address bar
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Nouveau mot de passe MGEN Connect",
  );
  // Nothing is sent before the member's click (a mail scanner opening the link spends nothing).
  await expect(page.getByLabel("Nouveau mot de passe")).toHaveCount(0);
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByLabel("Nouveau mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Confirmez le mot de passe").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
  await expect(
    page.getByText("Votre mot de passe MGEN Connect a été modifié").first(),
  ).toBeVisible();

  // Restart: NIR sign-in, the same address, now linked with the new password.
  await signIn(page, DEMO.emma.nir, DEMO.espacePassword);
  await expect(page).toHaveURL(/\/migration$/);
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByLabel("Mot de passe MGEN Connect", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Associer mon identifiant" }).click();
  await expect(page).toHaveURL(/\/espace$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bonjour Emma");
});
