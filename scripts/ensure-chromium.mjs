#!/usr/bin/env node
// Playwright runs Debian's Chromium (no browser download is possible here). Installs it
// through apt when it is missing and we can; otherwise says in one line what to run.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(path)) process.exit(0);

const canApt = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
if (!canApt) {
  console.error(
    `Chromium est introuvable (${path}) : lancez « sudo apt-get install -y chromium » puis relancez pnpm test.`,
  );
  process.exit(1);
}
console.log("Chromium est absent : installation du paquet Debian chromium…");
execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", {
  stdio: "inherit",
});
