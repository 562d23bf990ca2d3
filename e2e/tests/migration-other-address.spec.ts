import type { Page } from "@playwright/test";
import { DEMO, expect, type Mailbox, signIn, test } from "../support/fixtures";

const ADDRESS = "antoine.perso@example.org";
const PASSWORD = "Girafe bleue sous la pluie d'automne";

/** Antoine chooses an address that is not his contact email, up to the pending step. */
async function chooseOtherAddress(page: Page, mailbox: Mailbox): Promise<string> {
  await signIn(page, DEMO.antoine.nir, DEMO.espacePassword);
  await expect(page).toHaveURL(/\/migration$/);
  const email = page.getByLabel("Adresse email");
  await expect(email).toHaveValue(DEMO.antoine.email);
  await email.fill(ADDRESS);
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByLabel("Nouveau mot de passe").fill(PASSWORD);
  await page.getByLabel("Confirmez le mot de passe").fill(PASSWORD);
  await page.getByLabel("Question secrète", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Réponse à la question secrète").fill("Le Petit Prince");
  await page.getByRole("button", { name: "Valider" }).click();

  await expect(page).toHaveTitle(/Étape 3 sur 3/);
  await expect(page.getByText(ADDRESS).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Renvoyer l'email" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Modifier l'adresse" })).toBeVisible();
  const mail = await mailbox.waitFor(ADDRESS, /^Validez/);
  const link = mail.links.find((l) => l.includes("/validation-email?token="));
  expect(link).toBeTruthy();
  return link as string;
}

test("Antoine validates another address in the same browser and is signed in", async ({
  page,
  mailbox,
}) => {
  const link = await chooseOtherAddress(page, mailbox);

  // Nothing changed yet: the NIR still signs in and comes back to the pending step.
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await signIn(page, DEMO.antoine.nir, DEMO.espacePassword);
  await expect(page).toHaveTitle(/Étape 3 sur 3/);

  await page.goto(link);
  await expect(page).toHaveURL(/\/espace$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bonjour Antoine");
  await expect(page.getByText(ADDRESS).first()).toBeVisible();
  const notice = await mailbox.waitFor(DEMO.antoine.email, /identifiant de connexion a changé/);
  expect(notice.text).toContain(ADDRESS);
});

test("Antoine validates another address in a fresh browser and is asked to sign in", async ({
  page,
  browser,
  mailbox,
  baseURL,
}) => {
  const link = await chooseOtherAddress(page, mailbox);

  const elsewhere = await browser.newContext({ baseURL: baseURL ?? "" });
  const other = await elsewhere.newPage();
  await other.goto(link);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText(
    "Votre adresse email est validée",
  );
  await expect(other).toHaveURL(/\/validation-email$/); // the token left the address bar
  await other.getByRole("link", { name: "Me connecter" }).click();
  await expect(other.getByLabel("Identifiant")).toHaveValue(ADDRESS);
  await other.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await other.getByRole("button", { name: "Se connecter" }).click();
  await expect(other).toHaveURL(/\/espace$/);
  await expect(other.getByRole("heading", { level: 1 })).toContainText("Bonjour Antoine");
  await elsewhere.close();

  // The link is single use.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ce lien n'est plus valable");
});
