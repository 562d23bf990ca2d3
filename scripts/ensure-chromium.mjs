#!/usr/bin/env node
// Playwright runs Debian's Chromium (no browser download is possible here): its headless
// shell (package chromium-headless-shell, the same build without the browser's UI, which
// runs the journeys in about 20 % less time), else the browser itself. Installs the shell
// through apt when neither is there, or when we are root and can; otherwise says in one
// line what to run.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const SHELL = "/usr/bin/chromium-headless-shell";
const BROWSER = "/usr/bin/chromium";
const chosen = process.env.CHROMIUM_PATH;
if (chosen) {
  if (existsSync(chosen)) process.exit(0);
  console.error(`CHROMIUM_PATH : ${chosen} est introuvable.`);
  process.exit(1);
}
if (existsSync(SHELL)) process.exit(0);

const canApt = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
if (!canApt) {
  if (existsSync(BROWSER)) process.exit(0);
  console.error(
    "Chromium est introuvable : lancez « sudo apt-get install -y chromium-headless-shell » puis relancez pnpm test.",
  );
  process.exit(1);
}
console.log("Installation du paquet Debian chromium-headless-shell (Chromium sans interface)…");
try {
  execSync(
    "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell)",
    { stdio: "inherit" },
  );
} catch (error) {
  // The browser itself, when it is there, still runs the journeys.
  if (!existsSync(BROWSER)) throw error;
  console.error("chromium-headless-shell n'a pas pu être installé : les tests utilisent chromium.");
}
