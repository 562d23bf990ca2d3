import type { Page } from "@playwright/test";
import { DEMO, expect, linkIn, type Mailbox, signIn, test } from "../support/fixtures";

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
  return linkIn(mail, "/validation-email");
}

test("Antoine validates another address in the same browser and is signed in", async ({
  page,
  browser,
  mailbox,
  baseURL,
}) => {
  const link = await chooseOtherAddress(page, mailbox);

  // A mail scanner opens the link first: the page waits for a click and spends nothing.
  const scanner = await browser.newContext({ baseURL: baseURL ?? "" });
  const scan = await scanner.newPage();
  await scan.goto(link);
  await expect(scan.getByRole("heading", { level: 1 })).toHaveText(
    "Validation de votre adresse email",
  );
  await expect(scan.getByRole("button", { name: "Valider mon adresse" })).toBeVisible();
  await scanner.close();

  // Nothing changed yet: the NIR still signs in and comes back to the pending step.
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await signIn(page, DEMO.antoine.nir, DEMO.espacePassword);
  await expect(page).toHaveTitle(/Étape 3 sur 3/);

  await page.goto(link);
  await expect(page).toHaveURL(/\/validation-email$/); // the token left the address bar
  await page.getByRole("button", { name: "Valider mon adresse" }).click();
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
  await expect(other).toHaveURL(/\/validation-email$/); // the token left the address bar
  await other.getByRole("button", { name: "Valider mon adresse" }).click();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText(
    "Votre adresse email est validée",
  );
  await other.getByRole("link", { name: "Me connecter" }).click();
  await expect(other.getByLabel("Identifiant")).toHaveValue(ADDRESS);
  await other.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await other.getByRole("button", { name: "Se connecter" }).click();
  await expect(other).toHaveURL(/\/espace$/);
  await expect(other.getByRole("heading", { level: 1 })).toContainText("Bonjour Antoine");
  await elsewhere.close();

  // The link is single use.
  await page.goto(link);
  await page.getByRole("button", { name: "Valider mon adresse" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ce lien n'est plus valable");
});

test("the contact address cancels a change it did not ask for", async ({
  page,
  browser,
  mailbox,
  baseURL,
}) => {
  const validation = await chooseOtherAddress(page, mailbox);
  // The contact address is told at once, with a link that cancels the change.
  const cancel = await mailbox.waitForLink(DEMO.antoine.email, "/annuler-changement-identifiant");

  // Opened where the contact mailbox is read: no session is needed.
  const elsewhere = await browser.newContext({ baseURL: baseURL ?? "" });
  const other = await elsewhere.newPage();
  await other.goto(cancel);
  await expect(other).toHaveURL(/\/annuler-changement-identifiant$/); // the token left the bar
  await expect(other.getByRole("heading", { level: 1 })).toHaveText(
    "Demande de changement d'identifiant",
  );
  await expect(other).toHaveTitle(/^Demande de changement d'identifiant – /);
  await other.getByRole("button", { name: "Annuler cette demande" }).click();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("La demande est annulée");
  await expect(other.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(other.getByText("quelqu'un connaît peut-être votre mot de passe")).toBeVisible();
  await other.getByRole("link", { name: "Choisir un nouveau mot de passe" }).click();
  await expect(other).toHaveURL(/\/mot-de-passe-oublie$/);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Mot de passe oublié");

  // The cancel link is single use.
  await other.goto(cancel);
  await other.getByRole("button", { name: "Annuler cette demande" }).click();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Ce lien n'est plus valable");
  await elsewhere.close();

  // The validation link died with the request: nothing migrates.
  await page.goto(validation);
  await page.getByRole("button", { name: "Valider mon adresse" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ce lien n'est plus valable");

  // Antoine still signs in with his NIR, and starts again at step 1.
  await signIn(page, DEMO.antoine.nir, DEMO.espacePassword);
  await expect(page).toHaveURL(/\/migration$/);
  await expect(page).toHaveTitle(/^Étape 1 sur 3/);
});
