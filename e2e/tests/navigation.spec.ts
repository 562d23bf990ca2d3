import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, test } from "../support/fixtures";

/** What routing owes the member besides showing pages (ADR 012: declarative routing). */

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });

test("a session ended elsewhere leads to the sign-in page, which says so", async ({ page }) => {
  await signIn(page, DEMO.marie.nir, DEMO.espacePassword);
  const next = page.getByRole("button", { name: "Continuer" });
  await expect(next).toBeVisible();
  // Signed out in another tab: this one still shows the wizard.
  const status = await page.evaluate(async () => {
    const init = { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" };
    return (await fetch("/api/logout", init)).status;
  });
  expect(status).toBe(204);

  await next.click();
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(h1(page)).toBeFocused();
  // The wizard's guard never saw the anonymous state: nothing redirected over the notice.
  await expect(page.getByRole("status")).toHaveText(
    "Votre session a expiré : connectez-vous à nouveau.",
  );
});

test("a page that cannot load says so, and the next link works", async ({ page }) => {
  // As after a new version was published while the page was open.
  await page.route(/\/assets\/help-page-[^/]*\.js$/, (route) => route.fulfill({ status: 404 }));
  await page.goto("/connexion");
  await page.getByRole("main").getByRole("link", { name: "Besoin d'aide ?" }).click();
  await expect(h1(page)).toHaveText("Cette page n'a pas pu s'afficher");
  await expect(page).toHaveTitle(/^Erreur – /);

  await page.getByRole("link", { name: "Revenir à la connexion" }).click();
  await expect(h1(page)).toHaveText("Connexion à votre Espace personnel");
  await expect(h1(page)).toBeFocused();
});

test("a new page starts at its top, a help section at the section, back returns where it was", async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 400 });
  await page.goto("/connexion");
  await page.evaluate("window.scrollTo(0, document.body.scrollHeight)");
  const left = await page.evaluate<number>("window.scrollY");
  expect(left).toBeGreaterThan(0);
  await page.getByRole("main").getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expect(h1(page)).toHaveText("Mot de passe oublié");
  expect(await page.evaluate<number>("window.scrollY")).toBe(0);

  // Back: the sign-in page again, where it was left, its heading focused for screen readers.
  await page.goBack();
  await expect(h1(page)).toHaveText("Connexion à votre Espace personnel");
  await expect(h1(page)).toBeFocused();
  expect(await page.evaluate<number>("window.scrollY")).toBe(left);

  await page.goto("/connexion");
  await page.getByLabel("Identifiant").fill(DEMO.paul.nir);
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO.espacePassword);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("alert").getByRole("link", { name: "Aide : compte bloqué" }).click();
  await expect(page).toHaveURL(/\/aide#compte-bloque$/);
  const section = page.locator("#compte-bloque");
  await expect(section).toBeFocused();
  const top = await section.evaluate((el) => el.getBoundingClientRect().top);
  expect(Math.abs(top)).toBeLessThan(1);
});
