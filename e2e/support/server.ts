import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export type AppServer = {
  url: string;
  /** The app's environment: a command run with it (`pnpm staff:create`) works on its database. */
  env: Record<string, string>;
  logs: () => string;
  stop: () => Promise<void>;
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * Starts the built app as `pnpm start` does (from the BFF's bundle rather than through tsx), on a free port with a fresh database, or
 * with `dir`: on the database already there (`app.db` and its `secrets.json`, such as a
 * rehearsal's), which the caller keeps.
 */
export async function startAppServer(
  options: { dir?: string; env?: Record<string, string> } = {},
): Promise<AppServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "mgen-e2e-"));
  // A probed free port can be taken by another worker's app before ours listens on it:
  // then start again on another one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(dir, await freePort(), options.dir === undefined, options.env ?? {});
    } catch (error) {
      if (attempt >= 5 || !String(error).includes("EADDRINUSE")) throw error;
    }
  }
}

async function startOnce(
  dir: string,
  port: number,
  ownsDir: boolean,
  extraEnv: Record<string, string>,
): Promise<AppServer> {
  const url = `http://localhost:${port}`;
  let output = "";
  const appEnv = {
    // As `pnpm start` (demo data, the mailbox), but with the tests' cheap argon2id and no
    // floor under failed password checks: the journeys prove what members see; the
    // production costs and the floor are proven by the BFF's system tests
    // (system/password-floor.test.ts, system/secrets-in-clear.test.ts), and `pnpm bench`.
    NODE_ENV: "test",
    ARGON2_TEST_MEMORY_KIB: "1024",
    PASSWORD_CHECK_FLOOR_MS: "0",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: url,
    DATABASE_PATH: join(dir, "app.db"),
    DEV_SMTP_PORT: "0",
    WEB_ROOT: join(repoRoot, "apps/web/dist"),
    CONSOLE_ROOT: join(repoRoot, "apps/console/dist"),
    LOG_LEVEL: "info",
    ...extraEnv,
  };
  // The BFF bundled from its sources by the global setup (global-setup.ts, ADR 023).
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, "apps/bff/dist/main.mjs")], {
    cwd: repoRoot,
    env: { ...process.env, ...appEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app stopped at start:\n${output}`);
    // Only this child's own "listening" line proves that the port is its own.
    if (output.includes("MGEN Connect BFF listening")) {
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.ok) break;
      } catch {
        // not answering yet
      }
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the app did not answer within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }

  return {
    url,
    env: appEnv,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
