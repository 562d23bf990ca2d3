import type { Page, Route } from "@playwright/test";
import { DEMO, expect, test } from "../support/fixtures";

/**
 * Issue 17, ADR 026: `/connexion` comes with the sign-in page's HTML, so the form shows at
 * the first paint, before the app's code has loaded; a small script (sign-in-boot.js)
 * makes it usable at once. These journeys hold the app's code back on purpose, as a slow
 * network would, and check what a member sees and what is sent meanwhile.
 */

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
const submit = (page: Page) => page.getByRole("button", { name: "Se connecter" });

/** A promise and the function that resolves it (Node 20 has no Promise.withResolvers). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Holds back the app's code (the module script and its preloads) until `release()`. */
async function holdAppCode(page: Page): Promise<{ release: () => void; held: Promise<void> }> {
  const gate = deferred();
  const seen = deferred();
  await page.route(
    (url) => url.pathname.startsWith("/assets/") && url.pathname.endsWith(".js"),
    async (route: Route) => {
      if (route.request().url().includes("/assets/sign-in-boot-")) return route.continue();
      seen.resolve();
      await gate.promise;
      await route.continue();
    },
  );
  return { release: () => gate.resolve(), held: seen.promise };
}

/** Every address the browser asked for, to check that no password ever went into one. */
function requestedUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

test("A on a slow network: Marie sees the sign-in form before the app has loaded, types and presses « Se connecter »; her sign-in is sent when the app starts, never in an address", async ({
  page,
}) => {
  const urls = requestedUrls(page);
  const code = await holdAppCode(page);
  await page.goto("/connexion", { waitUntil: "commit" });
  await code.held;

  // The page is there without the app's code: heading, form, ways out, and the title.
  await expect(h1(page)).toHaveText("Connexion à votre Espace personnel");
  await expect(page).toHaveTitle("Connexion – Identifiant MGEN Connect");
  await expect(page.getByRole("link", { name: "Mot de passe oublié ?" })).toBeVisible();
  // Usable at once: what she types stays, and the button can be pressed.
  await page.getByLabel("Identifiant").fill(DEMO.marie.nir);
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO.espacePassword);
  await expect(submit(page)).toBeEnabled();
  await submit(page).click();
  // Held: the browser did not send the form itself (a plain submission is a GET with the
  // password in the address).
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(page.locator("#root form")).toHaveAttribute("data-pending", "");

  // The app starts, takes over what she typed and sends her sign-in: her wizard opens.
  code.release();
  await expect(page).toHaveURL(/\/migration$/);
  await expect(h1(page)).toContainText("Bonjour Marie");
  const nirDigits = DEMO.marie.nir.replaceAll(" ", "");
  const leaked = urls.filter(
    (url) =>
      new URL(url).search !== "" ||
      url.includes(encodeURIComponent(DEMO.espacePassword)) ||
      url.includes(nirDigits),
  );
  expect(leaked).toEqual([]);
});

test("A on a slow network: what Luc typed before the app loaded is kept, and the page then behaves as the app (the link follows his address, a refusal is explained)", async ({
  page,
}) => {
  const code = await holdAppCode(page);
  await page.goto("/connexion", { waitUntil: "commit" });
  await code.held;
  await page.getByLabel("Identifiant").fill(DEMO.luc.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill("Pas-le-bon-2026");
  code.release();

  // React has the page: « Mot de passe oublié ? » follows the address typed before.
  const forgotten = page.getByRole("main").getByRole("link", { name: "Mot de passe oublié ?" });
  await expect(forgotten).toHaveAttribute("href", "/connect/mot-de-passe-oublie");
  await expect(page.getByLabel("Identifiant")).toHaveValue(DEMO.luc.email);
  await submit(page).click();
  await expect(page.getByRole("alert").first()).toContainText("incorrect");
  await expect(page).toHaveURL(/\/connexion$/);
});

test("/connexion's HTML is the page React renders: no hydration error, and the page is React's once loaded", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  // Waits for "load", then for React to own the form (fixtures.ts).
  const response = await page.goto("/connexion");
  const html = (await response?.text()) ?? "";
  // Served with the form in it, its button disabled until sign-in-boot.js holds submissions.
  expect(html).toContain("Connexion à votre Espace personnel");
  expect(html).toMatch(/<button type="submit" class="button" disabled="">Se connecter<\/button>/);
  // React's own check of a NIR as it is typed: the page is the app's.
  await page.getByLabel("Identifiant").fill("2 90 08 69 123 045 12");
  await expect(page.getByText("La clé de contrôle ne correspond pas")).toBeVisible();
  expect(errors).toEqual([]);
});
