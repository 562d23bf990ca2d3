import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The real BFF as a separate process (`src/main.ts`, bundled once per run by the global
 * setup into `dist/main.mjs`, which starts in half the time tsx takes: ADR 023): real
 * SQLite file, real HTTP on a free port, real SMTP. System tests start it, stop it
 * gracefully, kill it with SIGKILL and restart it on the same database.
 */

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const MAIN = join(repoRoot, "apps/bff/dist/main.mjs");

/** Variables the app reads: never inherited from the test runner (vitest sets NODE_ENV=test). */
const APP_VARIABLES = [
  "NODE_ENV",
  "PORT",
  "HOST",
  "DATABASE_PATH",
  "DATABASE_URL",
  "DATABASE_POOL_SIZE",
  "OUTBOX_LEASE_MS",
  "PASSWORD_CHECK_FLOOR_MS",
  "PUBLIC_URL",
  "EXTRA_ORIGINS",
  "WEB_ROOT",
  "SMTP_URL",
  "DEV_SMTP_PORT",
  "MAIL_FROM",
  "NIR_PEPPER",
  "SESSION_SECRET",
  "RATE_LIMIT_PER_MINUTE",
  "RATE_LIMIT_EMAILS_PER_HOUR",
  "RATE_LIMIT_PER_IDENTIFIER_PER_HOUR",
  "WIZARD_ADDRESSES_PER_HOUR",
  "NIR_PEPPER_ID",
  "NIR_PEPPER_PREVIOUS",
  "SESSION_SECRET_ID",
  "SESSION_SECRET_PREVIOUS",
  "TRUST_PROXY",
  "LOG_LEVEL",
  "ARGON2_TEST_MEMORY_KIB",
  "VALIDATION_RESEND_TEST_MS",
  "NODE_OPTIONS",
];

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export function tempDir(prefix = "mgen-system-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Polls `check` until it returns a value other than undefined/false, or fails at the deadline. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 10_000, everyMs = 25 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type StartOptions = {
  /** Directory of the database and the generated secrets; a fresh one when omitted. */
  dir?: string;
  port?: number;
  /** Overrides of the default environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** The CPUs the app may run on (a `taskset` list such as "1"); any when omitted. */
  cpus?: string;
};

type Spawned = {
  child: ChildProcess;
  exited: Promise<Exit>;
  stdout: () => string;
  stderr: () => string;
  output: () => string;
  /** Sends `signal` to the whole process group: a command's wrappers (pnpm, tsx) and the node process. */
  signalGroup: (signal: NodeJS.Signals) => void;
};

/** Process groups still running, killed if the test runner exits first. */
const liveGroups = new Set<number>();
process.once("exit", () => {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

function spawnApp(env: Record<string, string>, cpus: string | null): Spawned {
  const node = [process.execPath, MAIN];
  return cpus
    ? spawnCommand("taskset", ["-c", cpus, ...node], env)
    : spawnCommand(node[0] as string, node.slice(1), env);
}

/** Runs `command` in its own process group, with the test runner's environment minus the app's variables. */
function spawnCommand(command: string, args: string[], env: Record<string, string>): Spawned {
  const inherited: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !APP_VARIABLES.includes(k)) inherited[k] = v;
  }
  // A command run through pnpm or tsx is a child node process they relay SIGTERM to, but a
  // SIGKILL cannot be relayed: each gets a process group of its own, and kill -9 hits the group.
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const pgid = child.pid;
  if (pgid !== undefined) liveGroups.add(pgid);
  const signalGroup = (signal: NodeJS.Signals) => {
    // Only a group of ours that has not ended (its id could be reused afterwards).
    if (pgid === undefined || !liveGroups.has(pgid)) return;
    try {
      process.kill(-pgid, signal);
    } catch {
      // the group is gone
    }
  };
  let out = "";
  let err = "";
  let both = "";
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
  child.stdout?.on("data", (d: string) => {
    out += d;
    both += d;
  });
  child.stderr?.on("data", (d: string) => {
    err += d;
    both += d;
  });
  // "close" (not "exit"): every byte of stdout and stderr has been read by then.
  const exited = new Promise<Exit>((r) =>
    child.once("close", (code, signal) => {
      if (pgid !== undefined) liveGroups.delete(pgid);
      r({ code, signal });
    }),
  );
  return { child, exited, stdout: () => out, stderr: () => err, output: () => both, signalGroup };
}

/** A development start on loopback; throttling limits far out of reach of the tests. */
function defaultEnv(dir: string, port: number): Record<string, string> {
  return {
    NODE_ENV: "development",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://localhost:${port}`,
    DATABASE_PATH: join(dir, "app.db"),
    DEV_SMTP_PORT: "0",
    LOG_LEVEL: "info",
    RATE_LIMIT_PER_MINUTE: "1000000",
    RATE_LIMIT_EMAILS_PER_HOUR: "1000000",
    RATE_LIMIT_PER_IDENTIFIER_PER_HOUR: "1000000",
    // Wrong passwords answer at once, so that attack tests stay quick (tests of the floor set it).
    PASSWORD_CHECK_FLOOR_MS: "0",
  };
}

function buildEnv(dir: string, port: number, overrides: StartOptions["env"] = {}) {
  const env: Record<string, string | undefined> = { ...defaultEnv(dir, port), ...overrides };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

export class AppProcess {
  /** Loopback by address, not `localhost`: the app binds 127.0.0.1 only. */
  readonly url: string;
  readonly dbPath: string;
  private readonly spawned: Spawned;

  private constructor(
    readonly dir: string,
    readonly port: number,
    readonly env: Record<string, string>,
    readonly cpus: string | null,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.dbPath = env.DATABASE_PATH ?? join(dir, "app.db");
    this.spawned = spawnApp(env, cpus);
  }

  /** Starts the app and resolves once GET /api/health answers 200. */
  static async start(options: StartOptions = {}): Promise<AppProcess> {
    const dir = options.dir ?? tempDir();
    // A free port can be taken by another process between the probe and the app's own
    // listen (parallel test files): then try another one.
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      const app = new AppProcess(dir, port, buildEnv(dir, port, options.env), options.cpus ?? null);
      try {
        await app.waitHealthy();
        return app;
      } catch (error) {
        if (options.port !== undefined || attempt >= 5 || !app.logs().includes("EADDRINUSE"))
          throw error;
      }
    }
  }

  /** A new process on the same directory, database, port and environment. */
  async restart(): Promise<AppProcess> {
    if (this.alive()) await this.stop();
    const app = new AppProcess(this.dir, this.port, this.env, this.cpus);
    await app.waitHealthy();
    return app;
  }

  get pid(): number | undefined {
    return this.spawned.child.pid;
  }

  alive(): boolean {
    return this.spawned.child.exitCode === null && this.spawned.child.signalCode === null;
  }

  stdout(): string {
    return this.spawned.stdout();
  }

  stderr(): string {
    return this.spawned.stderr();
  }

  /** stdout and stderr, interleaved as they arrived. */
  logs(): string {
    return this.spawned.output();
  }

  get exited(): Promise<Exit> {
    return this.spawned.exited;
  }

  private async waitHealthy(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.alive()) {
        const exit = await this.exited;
        throw new Error(`the app stopped at start (${JSON.stringify(exit)}):\n${this.logs()}`);
      }
      // Only this child's own "listening" line proves the port is its: another process
      // could answer on it otherwise.
      if (this.logs().includes("MGEN Connect BFF listening")) {
        try {
          const res = await fetch(`${this.url}/api/health`);
          await res.arrayBuffer();
          if (res.status === 200) return;
        } catch {
          // not answering yet
        }
      }
      if (Date.now() > deadline) {
        this.spawned.signalGroup("SIGKILL");
        throw new Error(`the app did not answer within ${timeoutMs} ms:\n${this.logs()}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * SIGTERM to the app, which closes HTTP, the dispatcher and the database
   * (graceful); SIGKILL to the group after 10 s.
   */
  async stop(): Promise<Exit> {
    if (!this.alive()) return this.exited;
    this.spawned.child.kill("SIGTERM");
    const timer = setTimeout(() => this.spawned.signalGroup("SIGKILL"), 10_000);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** kill -9 of the app's process group: no clean-up of any kind in the app. */
  async kill(): Promise<Exit> {
    this.spawned.signalGroup("SIGKILL");
    return this.exited;
  }
}

/** Runs the app expecting it to stop by itself (a refused configuration); kills it after `timeoutMs`. */
export async function runToExit(
  env: Record<string, string | undefined>,
  timeoutMs = 15_000,
): Promise<Exit & { stdout: string; stderr: string; timedOut: boolean }> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  const spawned = spawnApp(out, null);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    spawned.signalGroup("SIGKILL");
  }, timeoutMs);
  const exit = await spawned.exited;
  clearTimeout(timer);
  return { ...exit, stdout: spawned.stdout(), stderr: spawned.stderr(), timedOut };
}

/**
 * Runs an operator's command as they type it (`pnpm import:legacy …` from the repository),
 * with `env` on top of the runner's environment minus the app's variables; resolves when
 * it ends (killed after `timeoutMs`).
 */
export async function runPnpm(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<Exit & { stdout: string; stderr: string; timedOut: boolean }> {
  const spawned = spawnCommand("pnpm", ["-s", script, ...args], env);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    spawned.signalGroup("SIGKILL");
  }, timeoutMs);
  const exit = await spawned.exited;
  clearTimeout(timer);
  return { ...exit, stdout: spawned.stdout(), stderr: spawned.stderr(), timedOut };
}
