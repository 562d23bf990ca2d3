import { DEMO, expect, signIn, test } from "../support/fixtures";

test("Jean links his existing MGEN Connect identity with its password", async ({
  page,
  mailbox,
}) => {
  await signIn(page, DEMO.jean.nir, DEMO.espacePassword);
  await expect(page.getByLabel("Adresse email")).toHaveValue(DEMO.jean.email);
  await page.getByRole("button", { name: "Continuer" }).click();

  await expect(
    page.getByText("Cette adresse email est déjà associée à un identifiant MGEN Connect"),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Mot de passe oublié ?" })).toBeVisible();
  const password = page.getByLabel("Mot de passe MGEN Connect", { exact: true });
  await password.fill("Pas-le-bon-mot-de-passe");
  await page.getByRole("button", { name: "Associer mon identifiant" }).click();
  await expect(page.getByRole("alert")).toContainText("Mot de passe incorrect");

  await password.fill(DEMO.connectPassword);
  await page.getByRole("button", { name: "Associer mon identifiant" }).click();
  await expect(page).toHaveURL(/\/espace$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bonjour Jean");
  await mailbox.waitFor(DEMO.jean.email, /activé/);

  // The identity kept its password: Jean signs in with it.
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await signIn(page, DEMO.jean.email, DEMO.connectPassword);
  await expect(page).toHaveURL(/\/espace$/);
});
