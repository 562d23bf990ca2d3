// `pnpm screenshots`: starts the built app as the journeys do (free port, fresh database,
// embedded mail catcher) and captures the main screens, desktop and mobile, into
// docs/screenshots/. Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "@playwright/test";
import { signIn } from "./support/fixtures";
import { startAppServer } from "./support/server";

const out = join(dirname(fileURLToPath(import.meta.url)), "../docs/screenshots");
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, mobile: { width: 360, height: 740 } };
const PASSWORD = "Demo-Espace-2026";
const MARIE = "2 90 08 69 123 045 11";

/** Each screen: a name and how to reach it from a fresh page. */
const SCREENS: Array<[string, (page: Page) => Promise<unknown>]> = [
  ["sign-in", (page) => page.goto("/connexion")],
  [
    "sign-in-error",
    async (page) => {
      await signIn(page, MARIE, "mauvais-mot-de-passe");
      await page.getByRole("alert").waitFor();
    },
  ],
  [
    "wizard-step-1",
    async (page) => {
      await signIn(page, MARIE, PASSWORD);
      await page.getByLabel("Adresse email").waitFor();
    },
  ],
  [
    "wizard-step-2",
    async (page) => {
      await signIn(page, MARIE, PASSWORD);
      await page.getByRole("button", { name: "Continuer" }).click();
      await page.getByLabel("Nouveau mot de passe").fill("marie-dupont-1990");
      await page.getByRole("button", { name: "Valider" }).click();
      await page.locator(".error-summary").waitFor();
    },
  ],
  [
    "unlock",
    async (page) => {
      await page.goto("/debloquer-mon-compte");
      await page.getByLabel("Numéro de sécurité sociale").waitFor();
    },
  ],
  [
    "help",
    async (page) => {
      await page.goto("/aide");
      await page.getByRole("heading", { level: 1 }).waitFor();
    },
  ],
];

const app = await startAppServer();
let browser: Browser | undefined;
try {
  mkdirSync(out, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    for (const [name, reach] of SCREENS) {
      // A new context per screen: no session leaks from one screen to the next.
      const context = await browser.newContext({ baseURL: app.url, viewport, locale: "fr-FR" });
      const page = await context.newPage();
      await reach(page);
      // Evaluated in the page: the focus ring and the scroll position are not the subject.
      await page.evaluate("document.activeElement?.blur?.(); window.scrollTo(0, 0);");
      await page.screenshot({ path: join(out, `${name}-${device}.png`) });
      console.log(`docs/screenshots/${name}-${device}.png`);
      await context.close();
    }
  }
} finally {
  await browser?.close();
  await app.stop();
}
