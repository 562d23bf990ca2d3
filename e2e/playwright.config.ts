import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * Journeys run in Debian's Chromium (no browser download is possible here) against the
 * built app: each test starts its own BFF on a free port with a fresh database, real SMTP
 * to the embedded catcher and the tests' cheap argon2id (see support/server.ts).
 */
const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
// Debian's headless shell (installed by scripts/ensure-chromium.mjs) when there: the same
// Chromium without the browser's UI, 4 min 7 s for the journeys against 5 min 4 s with
// /usr/bin/chromium, measured back to back. CHROMIUM_PATH chooses another.
const chromium =
  process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium");

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./support/global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  fullyParallel: true,
  // A stray .only fails everywhere, not only in CI (issue 16; biome's noFocusedTests too).
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    ...devices["Desktop Chrome"],
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    // Recording a trace of every test (to keep those that fail) took the suite from 3 min 17 s
    // to 4 min 7 s: off by default; `pnpm --filter @mgen/e2e test --trace retain-on-failure`
    // records them. A failed test still keeps its screenshot and its server's log.
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});
