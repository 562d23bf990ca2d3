/**
 * Figure 6 of `pnpm bench` (issue 13): the legacy import, as an operator runs it
 * (`pnpm import:legacy` on files of `pnpm generate:legacy`), on SQLite and PostgreSQL —
 * rows per second, the time of each stage and where it goes, the process's peak memory —
 * then NIR sign-in on the 4-million-member database against a 10,000-member one, and the
 * verification time of each legacy hash format against the floor of failed checks.
 */
import { createHash, pbkdf2Sync, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { hash as argon2Hash } from "@node-rs/argon2";
import { hashSync as bcryptHash } from "@node-rs/bcrypt";
import Papa from "papaparse";
import { verifyStored } from "../../apps/bff/src/domain/password-hashes";
import { ESPACE_COLUMNS, judgeEspace, readHeader } from "../../apps/bff/src/import/judge";
import { layoutOf } from "../../apps/bff/src/import/split";
import { stage } from "../../apps/bff/src/import/stage";
import {
  buildHashPools,
  DEFAULT_SEED,
  ESPACE_PASSWORD,
  espaceRow,
  planExport,
} from "../../apps/bff/src/import/synthetic";
import { AppProcess, removeDir, runPnpm, tempDir } from "../../apps/bff/src/system/process";
import type { Postgres } from "./postgres";

type Print = (line?: string) => void;
const fmt = (n: number, d = 1) => n.toFixed(d);
const verdict = (ok: boolean) => (ok ? "OK" : "MISSED");
const thousands = (n: number) => Math.round(n).toLocaleString("en-US").replaceAll(",", " ");

/** The default of PASSWORD_CHECK_FLOOR_MS (apps/bff/src/env.ts). */
const FLOOR_MS = 800;

type Run = {
  rows: number;
  inserted: number;
  readingS: number;
  writingS: number;
  threads: number;
  totalS: number;
  peakMb: number;
};

/** The first `lines` lines of `from` (the header and the rows after it) into `to`. */
async function head(from: string, to: string, lines: number): Promise<string> {
  const out = createWriteStream(to);
  let n = 0;
  for await (const line of createInterface({
    input: createReadStream(from),
    crlfDelay: Infinity,
  })) {
    if (!out.write(`${line}\r\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
    if (++n >= lines) break;
  }
  await new Promise<void>((r) => out.end(r));
  return to;
}

/** `pnpm import:legacy` as an operator runs it; its summary read back. */
async function importRun(
  database: Record<string, string>,
  secrets: Record<string, string>,
  espaces: string,
  identities?: string,
): Promise<Run> {
  const args = ["--espaces", espaces, ...(identities ? ["--identities", identities] : [])];
  const run = await runPnpm(
    "import:legacy",
    args,
    { NODE_ENV: "test", ...secrets, ...database },
    3_600_000,
  );
  if (run.code !== 0 && run.code !== 1)
    throw new Error(`import:legacy failed (${run.code}):\n${run.stderr}`);
  const out = run.stdout;
  const summary =
    /espaces\.csv : (\d+) lignes — inserted (\d+)[^\n]*\n\s+lecture ([\d.]+) s \((\d+) fils?\), écriture ([\d.]+) s/.exec(
      out,
    );
  const total = /Import terminé en ([\d.]+) s\./.exec(out);
  const peak = /Mémoire maximale : (\d+) Mo\./.exec(out);
  if (!summary || !total || !peak) throw new Error(`unexpected summary:\n${out}`);
  return {
    rows: Number(summary[1]),
    inserted: Number(summary[2]),
    readingS: Number(summary[3]),
    threads: Number(summary[4]),
    writingS: Number(summary[5]),
    totalS: Number(total[1]),
    peakMb: Number(peak[1]),
  };
}

/** µs per row of each step of the reading stage, on one thread, over `path`. */
async function readingSteps(path: string, dir: string, nirPepper: string) {
  const rowsOf = async (step: (record: string[]) => void) => {
    const started = performance.now();
    let rows = 0;
    let header = true;
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 }), {
        delimiter: ";",
        step: (r) => {
          if (header) {
            header = false;
            return;
          }
          rows++;
          step(r.data);
        },
        complete: () => resolve(),
        error: reject,
      });
    });
    return { rows, us: ((performance.now() - started) * 1000) / rows };
  };
  const parse = await rowsOf(() => {});
  const headerFields = ESPACE_COLUMNS.slice();
  const columns = readHeader(headerFields, ESPACE_COLUMNS);
  if ("problem" in columns) throw new Error(columns.problem);
  const today = new Date();
  const judged = await rowsOf((record) => judgeEspace(record, columns.columns, today));
  const part = layoutOf(path, 1).parts[0];
  if (!part) throw new Error("an empty export");
  const started = performance.now();
  const staged = await stage(
    {
      kind: "espaces",
      path,
      ...part,
      delimiter: ";",
      newline: "\r\n",
      columns: columns.columns,
      width: ESPACE_COLUMNS.length,
      dir,
      part: 0,
      buckets: 64,
      nirPepper: { current: { id: 1, secret: nirPepper }, previous: [] },
      today: Date.now(),
    },
    () => {},
  );
  const all = ((performance.now() - started) * 1000) / staged.rows;
  return {
    rows: parse.rows,
    parse: parse.us,
    judge: judged.us - parse.us,
    keyAndStage: all - judged.us,
    all,
  };
}

/** Median of `n` checks of a wrong password against `stored`, in ms. */
async function verifyMs(stored: string, n = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    if (await verifyStored(stored, "Pas-Le-Bon-Mot-De-Passe"))
      throw new Error("a wrong password matched");
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)] as number;
}

async function legacyHashes(): Promise<Array<[string, string]>> {
  const password = "Ancien-Espace-2019";
  const salt = randomBytes(8);
  const ssha = (algorithm: string) =>
    Buffer.concat([createHash(algorithm).update(password).update(salt).digest(), salt]).toString(
      "base64",
    );
  const pbkdf2 = (iterations: number) =>
    `pbkdf2_sha256$${iterations}$sel${salt.toString("hex")}$${pbkdf2Sync(password, `sel${salt.toString("hex")}`, iterations, 32, "sha256").toString("base64")}`;
  return [
    ["{SSHA}", `{SSHA}${ssha("sha1")}`],
    ["{SSHA256}", `{SSHA256}${ssha("sha256")}`],
    ["bcrypt cost 10 (the synthetic export's)", bcryptHash(password, 10)],
    ["bcrypt cost 12 (the ceiling)", bcryptHash(password, 12)],
    ["PBKDF2-SHA256 260 000 (the synthetic export's)", pbkdf2(260_000)],
    ["PBKDF2-SHA256 1 000 000 (the ceiling)", pbkdf2(1_000_000)],
    [
      "argon2i m=4 MiB t=3",
      await argon2Hash(password, { memoryCost: 4096, timeCost: 3, parallelism: 1, algorithm: 1 }),
    ],
    [
      "argon2id m=19 MiB t=2 (the application's)",
      await argon2Hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 }),
    ],
  ];
}

/** p50 of NIR sign-ins (one at a time), alternating between two servers. */
async function signInP50(apps: AppProcess[], nirs: string[], rounds: number): Promise<number[]> {
  const times: number[][] = apps.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const nir of nirs) {
      // Alternate which server goes first: the machine's drift falls on both sides.
      const order =
        round % 2 === 0 ? apps.map((_, i) => i) : apps.map((_, i) => apps.length - 1 - i);
      for (const i of order) {
        const app = apps[i] as AppProcess;
        const started = performance.now();
        const res = await fetch(`${app.url}/api/login/nir`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: `http://localhost:${app.port}` },
          body: JSON.stringify({ nir, password: ESPACE_PASSWORD }),
        });
        await res.arrayBuffer();
        (times[i] as number[]).push(performance.now() - started);
        if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
      }
    }
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)] as number);
}

export async function importFigures(
  print: Print,
  options: { members: number; postgres: (() => Promise<Postgres>) | null },
): Promise<void> {
  const secrets = {
    NIR_PEPPER: randomBytes(32).toString("base64url"),
    SESSION_SECRET: randomBytes(32).toString("base64url"),
  };
  const members = options.members;
  const dir = tempDir("mgen-bench-import-");
  const apps: AppProcess[] = [];
  let pg: Postgres | null = null;
  try {
    print(`6. Legacy import (pnpm import:legacy), ${thousands(members)} members`);
    const full = join(dir, "full");
    mkdirSync(full);
    let started = performance.now();
    const generated = await runPnpm(
      "generate:legacy",
      ["--members", String(members), "--out", full],
      {},
      3_600_000,
    );
    if (generated.code !== 0) throw new Error(`generate:legacy failed:\n${generated.stderr}`);
    print(`   pnpm generate:legacy: ${fmt((performance.now() - started) / 1000)} s`);
    const espaces = join(full, "espaces.csv");
    const identities = join(full, "identities.csv");
    // Smaller exports: the first rows of the same file (same members, same bad rows).
    const small = await head(espaces, join(dir, "espaces-200k.csv"), 200_001);
    const tenThousand = await head(espaces, join(dir, "espaces-10k.csv"), 10_001);
    const million = await head(espaces, join(dir, "espaces-1m.csv"), 1_000_001);

    const line = (what: string, r: Run) =>
      print(
        `   ${what}: ${thousands(r.rows)} rows in ${fmt(r.totalS)} s = ${thousands(r.rows / r.totalS)} rows/s ` +
          `(reading ${fmt(r.readingS)} s on ${r.threads} threads, writing ${fmt(r.writingS)} s), peak ${r.peakMb} MB`,
      );
    const r200k = await importRun({ DATABASE_PATH: join(dir, "200k.db") }, secrets, small);
    line("SQLite, 200 000 Espaces", r200k);
    const big = join(dir, "big.db");
    started = performance.now();
    const rBig = await importRun({ DATABASE_PATH: big }, secrets, espaces, identities);
    const wallBig = (performance.now() - started) / 1000;
    line(`SQLite, ${thousands(members)} Espaces (+ identities)`, rBig);
    print(`   whole command, identities included: ${fmt(wallBig)} s`);
    print(
      `   ${thousands(members)} Espaces under 60 s on SQLite: ${fmt(rBig.totalS)} s ${verdict(rBig.totalS < 60)}; ` +
        `peak memory under 300 MB: ${r200k.peakMb} MB and ${rBig.peakMb} MB ${verdict(Math.max(r200k.peakMb, rBig.peakMb) < 300)}` +
        ` (ratio ${fmt(rBig.peakMb / r200k.peakMb, 2)} for ${fmt(members / 200_000, 0)}× the rows)`,
    );
    if (options.postgres) {
      pg = await options.postgres();
      await pg.createDatabase("import");
      const rPg = await importRun({ DATABASE_URL: pg.url("import") }, secrets, million);
      line(`PostgreSQL ${pg.version}, ${thousands(rPg.inserted)} Espaces`, rPg);
    }

    // Where the reading stage's time goes, on one thread (the import runs two).
    mkdirSync(join(dir, "steps"));
    const steps = await readingSteps(small, join(dir, "steps"), secrets.NIR_PEPPER);
    print(
      `   reading, per row on one thread (200 000 rows): parsing ${fmt(steps.parse, 1)} µs, judging ${fmt(steps.judge, 1)} µs, ` +
        `keyed hash + fingerprint + staging ${fmt(steps.keyAndStage, 1)} µs — ${fmt(steps.all, 1)} µs in all`,
    );
    print(
      `   writing, per row (${thousands(members)} rows, sorting and SQLite): ${fmt((rBig.writingS * 1e6) / rBig.rows, 1)} µs`,
    );

    // NIR sign-in p50: 4 million members against 10 000, the same members signing in.
    const rSmall = await importRun({ DATABASE_PATH: join(dir, "10k.db") }, secrets, tenThousand);
    const pools = await buildHashPools(DEFAULT_SEED);
    const seed = planExport(members).seed;
    const nirs: string[] = [];
    for (let i = 0; i < 9_000 && nirs.length < 150; i++) {
      const row = espaceRow(seed, i, pools);
      if (row.hashFormat === "argon2id" && row.traits.failedAttemptsEmpty) nirs.push(row.nir);
    }
    for (const path of [join(dir, "10k.db"), big]) {
      apps.push(
        await AppProcess.start({ dir: tempDir(), env: { ...secrets, DATABASE_PATH: path } }),
      );
    }
    const [p10k, pBig] = await signInP50(apps, nirs, 2);
    const ratio = (pBig as number) / (p10k as number);
    print(
      `   NIR sign-in p50 (${nirs.length} members with argon2id hashes, each twice, alternating): ` +
        `${thousands(rSmall.inserted)} members ${fmt(p10k as number)} ms, ${thousands(rBig.inserted)} members ${fmt(pBig as number)} ms`,
    );
    print(`   ratio ${fmt(ratio, 2)} × (goal ≤ 1.1) ${verdict(ratio <= 1.1)}`);

    // A wrong password against each legacy format, against the floor.
    print(
      `   a wrong password checked (median of 5), against PASSWORD_CHECK_FLOOR_MS = ${FLOOR_MS} ms:`,
    );
    let slowest = 0;
    for (const [name, stored] of await legacyHashes()) {
      const ms = await verifyMs(stored);
      slowest = Math.max(slowest, ms);
      print(`     ${name}: ${fmt(ms)} ms`);
    }
    print(
      `   slowest ${fmt(slowest)} ms = ${fmt(slowest / FLOOR_MS, 2)} × the floor (goal < 1: every failure takes the floor) ${verdict(slowest < FLOOR_MS)}`,
    );
    print();
  } finally {
    for (const app of apps) {
      await app.stop();
      removeDir(app.dir);
    }
    await pg?.stop();
    removeDir(dir);
  }
}
