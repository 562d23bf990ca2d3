// `pnpm screenshots [name…]`: starts the built app as the journeys do (free port, fresh
// database, embedded mail catcher) and captures the main screens, desktop and mobile, into
// docs/screenshots/; then the migration cockpit on a rehearsal's database (20,000
// generated Espaces after 30 days of migration: `pnpm --filter @mgen/bff rehearsal`).
// Names given (`pnpm screenshots cockpit`): those screens only. Debian's Chromium
// (CHROMIUM_PATH, default /usr/bin/chromium).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "@playwright/test";
import { signIn } from "./support/fixtures";
import globalSetup from "./support/global-setup";
import { startAppServer } from "./support/server";
import { staffSignIn } from "./support/staff";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(repoRoot, "docs/screenshots");
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

const only = process.argv.slice(2).filter((arg) => arg !== "--");
const wanted = (name: string) => only.length === 0 || only.includes(name);

/** Each screen on each device, a new context per screen: no session leaks from one to the next. */
async function memberScreens(browser: Browser): Promise<void> {
  const screens = SCREENS.filter(([name]) => wanted(name));
  if (screens.length === 0) return;
  await globalSetup();
  const app = await startAppServer();
  try {
    for (const [device, viewport] of Object.entries(VIEWPORTS)) {
      for (const [name, reach] of screens) {
        const context = await browser.newContext({ baseURL: app.url, viewport, locale: "fr-FR" });
        const page = await context.newPage();
        await reach(page);
        await capture(page, `${name}-${device}.png`);
        await context.close();
      }
    }
  } finally {
    await app.stop();
  }
}

/**
 * The cockpit "in production": the app on a rehearsal's database (the demo staff are in
 * it), a superviseur signed in once (a code counts once) for both devices, each page
 * taken whole.
 */
async function cockpitScreens(browser: Browser): Promise<void> {
  if (!wanted("cockpit")) return;
  const dir = mkdtempSync(join(tmpdir(), "mgen-rehearsal-"));
  try {
    execFileSync(
      "pnpm",
      [
        "-s",
        "--filter",
        "@mgen/bff",
        "rehearsal",
        "--members",
        "20000",
        "--days",
        "30",
        "--db",
        join(dir, "app.db"),
      ],
      { cwd: repoRoot, stdio: "inherit" },
    );
    const app = await startAppServer({ dir });
    try {
      const signingIn = await browser.newContext({ baseURL: app.url, locale: "fr-FR" });
      await staffSignIn(await signingIn.newPage(), "superviseur");
      const storageState = await signingIn.storageState();
      await signingIn.close();
      for (const [device, viewport] of Object.entries(VIEWPORTS)) {
        const context = await browser.newContext({
          baseURL: app.url,
          viewport,
          locale: "fr-FR",
          timezoneId: "Europe/Paris",
          storageState,
        });
        const page = await context.newPage();
        await page.goto("/console/pilotage");
        await page.getByRole("heading", { level: 2, name: /des Espaces ont migré/ }).waitFor();
        await page.locator(".chart svg").nth(3).waitFor();
        await capture(page, `cockpit-${device}.png`, { fullPage: true });
        await context.close();
      }
    } finally {
      await app.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function capture(page: Page, file: string, options: { fullPage?: boolean } = {}) {
  // Evaluated in the page: the focus ring and the scroll position are not the subject.
  await page.evaluate("document.activeElement?.blur?.(); window.scrollTo(0, 0);");
  await page.screenshot({ path: join(out, file), ...options });
  console.log(`docs/screenshots/${file}`);
}

let browser: Browser | undefined;
try {
  mkdirSync(out, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  await memberScreens(browser);
  await cockpitScreens(browser);
} finally {
  await browser?.close();
}
