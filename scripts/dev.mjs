#!/usr/bin/env node
// `pnpm dev`: the BFF (restarted on change) on :3001 and Vite with hot reload on :5173,
// which proxies /api to the BFF. Open http://localhost:5173.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bffPort = process.env.BFF_PORT ?? "3001";
const webUrl = "http://localhost:5173";

const children = [
  spawn(
    join(root, "apps/bff/node_modules/.bin/tsx"),
    ["watch", "--clear-screen=false", join(root, "apps/bff/src/main.ts")],
    {
      cwd: root,
      stdio: "inherit",
      // Links in emails and the origin check point at the Vite server the designer uses.
      env: {
        ...process.env,
        NODE_ENV: "development",
        PORT: bffPort,
        PUBLIC_URL: process.env.PUBLIC_URL ?? webUrl,
        WEB_ROOT: "/nonexistent",
      },
    },
  ),
  spawn("pnpm", ["--filter", "@mgen/web", "dev"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, BFF_URL: `http://localhost:${bffPort}` },
  }),
];

function stop(code) {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(0));
for (const child of children) child.on("exit", (code) => stop(code ?? 1));
