import { DEMO, expect, test } from "../support/fixtures";

const NEW_PASSWORD = "Girafe bleue sous la pluie d'automne";

test("Marie moves to her contact email, lands in her Espace, signs out and back in with it", async ({
  page,
  mailbox,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Connexion à votre Espace personnel",
  );

  // A typing error in the key is caught before any request.
  const identifier = page.getByLabel("Identifiant");
  await identifier.fill("2 90 08 69 123 045 12");
  await identifier.blur();
  await expect(page.getByText("La clé de contrôle ne correspond pas")).toBeVisible();

  await identifier.fill(DEMO.marie.nir);
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO.espacePassword);
  await page.getByRole("button", { name: "Se connecter" }).click();

  // Step 1: the contact email is proposed.
  await expect(page).toHaveURL(/\/migration$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bonjour Marie");
  await expect(page).toHaveTitle(/Étape 1 sur 3/);
  const email = page.getByLabel("Adresse email");
  await expect(email).toHaveValue(DEMO.marie.email);
  await page.getByRole("button", { name: "Continuer" }).click();

  // Step 2: security. A weak password is explained, then a strong one is taken.
  await expect(page).toHaveTitle(/Étape 2 sur 3/);
  await page.getByLabel("Nouveau mot de passe").fill("marie-dupont-1990");
  await page.getByLabel("Confirmez le mot de passe").fill("marie-dupont-1990");
  await page.getByLabel("Question secrète", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Réponse à la question secrète").fill("Rex");
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.getByText(/ne doit pas contenir/).first()).toBeVisible();
  await expect(page).toHaveURL(/\/migration$/);

  await page.getByLabel("Nouveau mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Confirmez le mot de passe").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Valider" }).click();

  // Step 3: done, in the member area, and told by email.
  await expect(page).toHaveURL(/\/espace$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bonjour Marie");
  await expect(page.getByText(DEMO.marie.email).first()).toBeVisible();
  const confirmation = await mailbox.waitFor(
    DEMO.marie.email,
    /identifiant MGEN Connect est activé/,
  );
  expect(confirmation.text).toContain("Bonjour Marie");

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/connexion/);
  await page.goto("/espace");
  await expect(page).toHaveURL(/\/connexion/);

  // The NIR no longer signs in; the email does.
  await page.getByLabel("Identifiant").fill(DEMO.marie.nir);
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO.espacePassword);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert")).toContainText("se fait désormais avec l'adresse email");

  await page.getByLabel("Identifiant").fill(DEMO.marie.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/espace$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bonjour Marie");
});
