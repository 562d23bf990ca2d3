// Builds the members' SPA and the advisers' console when a build is missing or older than
// its sources (pnpm start, and the two-instance rehearsal).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));

const APPS = [
  { name: "@mgen/web", dir: "apps/web", label: "l'application web" },
  { name: "@mgen/console", dir: "apps/console", label: "la console des conseillers" },
];

function newestMtime(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((name) => newestMtime(join(path, name))));
}

export function buildWebIfStale() {
  for (const app of APPS) {
    const built = join(root, app.dir, "dist/index.html");
    // scripts/: the web app's prerender step (ADR 026); packages/ui: the pieces both
    // apps render (a missing path counts for nothing).
    const sources = [
      `${app.dir}/src`,
      `${app.dir}/index.html`,
      `${app.dir}/vite.config.ts`,
      `${app.dir}/scripts`,
      "packages/contracts/src",
      "packages/ui/src",
    ];
    const stale =
      !existsSync(built) || sources.some((s) => newestMtime(s) > statSync(built).mtimeMs);
    if (!stale) continue;
    console.log(`Construction de ${app.label}…`);
    const build = spawnSync("pnpm", ["--filter", app.name, "build"], {
      cwd: root,
      stdio: "inherit",
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}
