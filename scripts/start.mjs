#!/usr/bin/env node
// `pnpm start`: builds the SPA when its build is missing or older than its sources, then
// starts the BFF (which migrates, seeds a fresh database and starts the mail catcher).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { buildWebIfStale, root } from "./web-build.mjs";

buildWebIfStale();
const tsx = join(root, "apps/bff/node_modules/.bin/tsx");
// Development is asked for explicitly: the server's own default is production (demo data,
// generated secrets and the mailbox exist only in development).
const server = spawn(tsx, [join(root, "apps/bff/src/main.ts")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "development" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
