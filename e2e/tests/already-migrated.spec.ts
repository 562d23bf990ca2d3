import { DEMO, expect, test } from "../support/fixtures";

test("Luc signs in with his NIR and is told to use his email identifier, without the address", async ({
  page,
}) => {
  await page.goto("/connexion");
  await page.getByLabel("Identifiant").fill(DEMO.luc.nir.replaceAll(" ", ""));
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO.espacePassword);
  await page.getByRole("button", { name: "Se connecter" }).click();

  const alert = page.getByRole("alert");
  await expect(alert).toContainText(
    "La connexion à votre Espace personnel se fait désormais avec l'adresse email indiquée lors de l'activation de votre compte.",
  );
  await expect(alert).not.toContainText(DEMO.luc.email);
  await expect(alert.getByRole("link", { name: /aide/i })).toHaveAttribute(
    "href",
    /\/aide#deja-migre/,
  );
  await expect(page).toHaveURL(/\/connexion$/);

  // The way out: sign in with the email identifier.
  await alert.getByRole("link", { name: "Se connecter avec mon adresse email" }).click();
  await expect(page.getByLabel("Identifiant")).toBeFocused();
  await expect(page.getByLabel("Identifiant")).toHaveValue("");
  await page.getByLabel("Identifiant").fill(DEMO.luc.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO.connectPassword);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/espace$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bonjour Luc");
});
