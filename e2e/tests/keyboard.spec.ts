import type { Locator, Page } from "@playwright/test";
import { DEMO, expect, linkIn, test } from "../support/fixtures";

/**
 * The main journeys with the keyboard alone: Tab, Shift+Tab, Enter, Space and the arrow
 * keys of a select. No click, no `fill`: what a member without a mouse can do. After each
 * navigation or step the focus is on the page's h1 (the wizard: its step heading).
 */

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails if it never does. */
async function tabTo(page: Page, target: Locator, { back = false } = {}): Promise<void> {
  for (let presses = 0; presses < 25; presses++) {
    if (await target.evaluate((el) => el.matches(":focus"))) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.type(text);
}

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
const NEW_PASSWORD = "Girafe bleue sous la pluie d'automne";

test("Marie migrates with the keyboard only", async ({ page }) => {
  await page.goto("/connexion");
  // The page is rendered (React may commit it after the load event) before the first key.
  await expect(h1(page)).toHaveText("Connexion à votre Espace personnel");

  // The skip link comes first and leads to the content.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Aller au contenu" })).toBeFocused();

  await typeInto(page, page.getByLabel("Identifiant"), DEMO.marie.nir);
  await typeInto(page, page.getByLabel("Mot de passe", { exact: true }), DEMO.espacePassword);
  // Space on the toggle shows what was typed; Shift+Tab goes back to the field.
  await tabTo(page, page.getByRole("button", { name: "Afficher le mot de passe" }));
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Mot de passe", { exact: true })).toHaveAttribute("type", "text");
  await tabTo(page, page.getByLabel("Mot de passe", { exact: true }), { back: true });
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/migration$/);
  await expect(h1(page)).toBeFocused();
  await expect(page).toHaveTitle(/^Étape 1 sur 3 – Identifiant – /);
  await tabTo(page, page.getByRole("button", { name: "Continuer" }));
  // The focus is seen: a 3 px outline on whatever has it.
  expect(await page.evaluate<string>("getComputedStyle(document.activeElement).outlineStyle")).toBe(
    "solid",
  );
  await page.keyboard.press("Enter");

  const step2 = page.getByRole("heading", { name: "Étape 2 sur 3 – Sécurité" });
  await expect(step2).toBeFocused();
  await expect(page).toHaveTitle(/^Étape 2 sur 3 – Sécurité – /);
  await typeInto(page, page.getByLabel("Nouveau mot de passe"), NEW_PASSWORD);
  await expect(page.getByText("ce mot de passe convient")).toBeVisible();
  await typeInto(page, page.getByLabel("Confirmez le mot de passe"), NEW_PASSWORD);
  await tabTo(page, page.getByLabel("Question secrète", { exact: true }));
  await page.keyboard.press("ArrowDown");
  await typeInto(page, page.getByLabel("Réponse à la question secrète"), "Rex");
  await tabTo(page, page.getByRole("button", { name: "Valider" }));
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/espace$/);
  await expect(h1(page)).toBeFocused();
  await expect(h1(page)).toHaveText("Bonjour Marie");
  await expect(page.getByRole("status")).toContainText(DEMO.marie.email);
  await tabTo(page, page.getByRole("button", { name: "Se déconnecter" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(h1(page)).toBeFocused();
});

test("Paul unlocks his Espace with the keyboard only", async ({ page, mailbox }) => {
  await page.goto("/connexion");
  await typeInto(page, page.getByLabel("Identifiant"), DEMO.paul.nir);
  await typeInto(page, page.getByLabel("Mot de passe", { exact: true }), DEMO.espacePassword);
  await page.keyboard.press("Enter");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Votre compte est bloqué");

  await tabTo(page, alert.getByRole("link", { name: "Débloquer mon compte" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/debloquer-mon-compte$/);
  await expect(h1(page)).toBeFocused();

  await typeInto(page, page.getByLabel("Numéro de sécurité sociale"), DEMO.paul.nir);
  const [day, month, year] = DEMO.paul.born;
  await typeInto(page, page.getByLabel("Jour"), day);
  await typeInto(page, page.getByLabel("Mois"), month);
  await typeInto(page, page.getByLabel("Année"), year);
  await tabTo(page, page.getByRole("button", { name: "Débloquer mon compte" }));
  await page.keyboard.press("Enter");
  await expect(h1(page)).toHaveText("Demande envoyée");
  await expect(h1(page)).toBeFocused();

  // The member opens the emailed link (the address bar stands for the mail client).
  const mail = await mailbox.waitFor(DEMO.paul.email, /Débloquez votre compte/);
  await page.goto(linkIn(mail, "/reinitialisation"));
  await expect(h1(page)).toHaveText("Choisissez un nouveau mot de passe");
  await typeInto(page, page.getByLabel("Nouveau mot de passe"), NEW_PASSWORD);
  await typeInto(page, page.getByLabel("Confirmez le mot de passe"), NEW_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(h1(page)).toHaveText("Votre mot de passe a été modifié");
  await expect(h1(page)).toBeFocused();

  await tabTo(page, page.getByRole("link", { name: "Me connecter" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(h1(page)).toBeFocused();
});
