import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, test } from "../support/fixtures";

/** SPEC E: the Espace personnel says who is signed in, with which identifier, since when. */

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
const NEW_PASSWORD = "Girafe bleue sous la pluie d'automne";

/** Today in Paris as the page writes a date: "1er décembre 2026", "26 novembre 2026". */
function frenchToday(): string {
  const date = new Intl.DateTimeFormat("fr-FR", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/Paris",
  }).format(new Date());
  return date.replace(/^1 /, "1er ");
}

test("E: Luc, migrated on 2 March 2026, signs in by email and sees his identifier and the date of his migration", async ({
  page,
}) => {
  await signIn(page, DEMO.luc.email, DEMO.connectPassword);
  await expect(page).toHaveURL(/\/espace$/);
  await expect(h1(page)).toHaveText("Bonjour Luc");
  await expect(page).toHaveTitle(/^Votre Espace personnel/);
  await expect(page.getByText("Votre identifiant de connexion :")).toHaveText(
    `Votre identifiant de connexion : ${DEMO.luc.email}`,
  );
  await expect(page.getByText(/^Identifiant changé le/)).toHaveText(
    "Identifiant changé le 2 mars 2026",
  );

  // The way out: signed out, told so, and the Espace is closed behind him.
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(page.getByRole("status")).toHaveText("Vous êtes déconnecté(e).");
  await page.goto("/espace");
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(h1(page)).toHaveText("Connexion à votre Espace personnel");
});

test("E: Marie, who migrates today, finds today's date in her Espace", async ({ page }) => {
  await signIn(page, DEMO.marie.nir, DEMO.espacePassword);
  await expect(page).toHaveTitle(/^Étape 1 sur 3/);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page).toHaveTitle(/^Étape 2 sur 3/);
  await page.getByLabel("Nouveau mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Confirmez le mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Question secrète", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Réponse à la question secrète").fill("Rex");
  await page.getByRole("button", { name: "Valider" }).click();

  await expect(page).toHaveURL(/\/espace$/);
  await expect(h1(page)).toHaveText("Bonjour Marie");
  await expect(page.getByRole("status")).toHaveText(
    `Votre identifiant de connexion est désormais ${DEMO.marie.email}.`,
  );
  await expect(page.getByText(/^Identifiant changé le/)).toHaveText(
    `Identifiant changé le ${frenchToday()}`,
  );
});
