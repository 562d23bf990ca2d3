#!/usr/bin/env node
// `pnpm screenshots`: builds the SPA, starts the app as the e2e tests do (free port, fresh
// database, embedded mail catcher) and captures the main screens, desktop and mobile, into
// docs/screenshots/. Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, "docs/screenshots");
// playwright-core comes with the e2e package's @playwright/test.
const require = createRequire(join(root, "e2e/package.json"));
const { chromium } = require("@playwright/test");

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, mobile: { width: 360, height: 740 } };
const PASSWORD = "Demo-Espace-2026";
const MARIE = "2 90 08 69 123 045 11";

const build = spawnSync("pnpm", ["--filter", "@mgen/web", "build"], {
  cwd: root,
  stdio: "inherit",
});
if (build.status !== 0) process.exit(build.status ?? 1);

const port = await new Promise((done) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    server.close(() => done(port));
  });
});
const url = `http://localhost:${port}`;
const dir = mkdtempSync(join(tmpdir(), "mgen-screens-"));
const app = spawn(
  join(root, "apps/bff/node_modules/.bin/tsx"),
  [join(root, "apps/bff/src/main.ts")],
  {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      DATABASE_PATH: join(dir, "app.db"),
      DEV_SMTP_PORT: "0",
      WEB_ROOT: join(root, "apps/web/dist"),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  },
);

async function waitForApp() {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error("the app stopped at start");
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the app did not answer within 30 s");
}

/** Each screen: a name and how to reach it from a fresh page. */
const SCREENS = [
  ["sign-in", async (page) => page.goto("/connexion")],
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

async function signIn(page, identifier, password) {
  await page.goto("/connexion");
  await page.getByLabel("Identifiant").fill(identifier);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

let browser;
try {
  await waitForApp();
  mkdirSync(out, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    for (const [name, reach] of SCREENS) {
      // A new context per screen: no session leaks from one screen to the next.
      const context = await browser.newContext({ baseURL: url, viewport, locale: "fr-FR" });
      const page = await context.newPage();
      await reach(page);
      await page.evaluate(() => {
        document.activeElement?.blur?.();
        window.scrollTo(0, 0);
      });
      const file = join(out, `${name}-${device}.png`);
      await page.screenshot({ path: file });
      console.log(`docs/screenshots/${name}-${device}.png`);
      await context.close();
    }
  }
} finally {
  await browser?.close();
  app.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
