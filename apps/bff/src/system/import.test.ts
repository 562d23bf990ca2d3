import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHashPools, ESPACE_PASSWORD, espaceRow, type HashPools } from "../import/synthetic";
import { ENGINES } from "../test/engines";
import { type WrittenExport, writeExport } from "../test/legacy-export";
import { createTestDatabase } from "../test/postgres";
import { Client, DEMO, ESPACE_PASSWORD as DEMO_PASSWORD } from "./client";
import { AppProcess, removeDir, runPnpm, tempDir } from "./process";

/**
 * `pnpm import:legacy` as an operator runs it, on generated exports: its summary, exit
 * code and report; and run beside a live server on the same database, while members sign
 * in and one migrates.
 */

const NEW_PASSWORD = "Girafe bleue sous la pluie d'automne";
const SECRETS = { NIR_PEPPER: "p".repeat(40), SESSION_SECRET: "s".repeat(40) };

let pools: HashPools;
let dir: string;
let small: WrittenExport;
let large: WrittenExport;

beforeAll(async () => {
  pools = await buildHashPools();
  dir = tempDir("mgen-import-system-");
  const folder = (name: string) => {
    mkdirSync(join(dir, name));
    return join(dir, name);
  };
  small = writeExport(folder("small"), 3000, pools);
  // About 10 MB: read on two threads, written in some 70 batches.
  large = writeExport(folder("large"), 70_000, pools);
}, 120_000);

afterAll(() => removeDir(dir));

const importEnv = (database: Record<string, string>) => ({
  NODE_ENV: "test",
  ...SECRETS,
  ...database,
});

describe("pnpm import:legacy", () => {
  it("loads the export, prints one summary, writes the report in line order, and exits 1 on rejected rows", async () => {
    const report = join(dir, "rejets.csv");
    const run = await runPnpm(
      "import:legacy",
      ["--espaces", small.espaces, "--identities", small.identities, "--report", report],
      importEnv({ DATABASE_PATH: join(dir, "cli.db") }),
    );
    expect(run.code, run.stderr).toBe(1);
    const m = small.manifest;
    expect(run.stdout).toContain(
      `espaces.csv : ${m.espaces.rows} lignes — inserted ${m.espaces.valid}, updated 0, unchanged 0, skipped (already migrated) 0, rejected ${m.espaces.rejected}`,
    );
    expect(run.stdout).toContain(
      `identities.csv : ${m.identities.rows} lignes — inserted ${m.identities.valid}, updated 0, unchanged 0, skipped (already migrated) 0, rejected ${m.identities.rejected}`,
    );
    expect(run.stdout).toContain(
      `${m.espaces.rejected + m.identities.rejected} ligne(s) rejetée(s) : voir ${report}`,
    );

    // The cockpit counted every Espace the import wrote, in the batches' transactions.
    const check = await runPnpm(
      "funnel:check",
      [],
      importEnv({ DATABASE_PATH: join(dir, "cli.db") }),
    );
    expect(check.code, `${check.stdout}${check.stderr}`).toBe(0);
    expect(check.stdout).toContain(`${m.espaces.valid.toLocaleString("fr-FR")} Espaces`);

    const lines = readFileSync(report, "utf8")
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\n");
    expect(lines[0]).toBe("fichier;ligne;motif");
    const rows = lines.slice(1).map((l) => l.split(";"));
    expect(rows).toHaveLength(m.espaces.rejected + m.identities.rejected);
    for (const file of ["identities", "espaces"] as const) {
      const numbers = rows.filter((r) => r[0] === `${file}.csv`).map((r) => Number(r[1]));
      expect(numbers).toEqual(
        Object.values(m[file].badLines)
          .flat()
          .sort((a, b) => a - b),
      );
    }

    // Nothing of a row in what the command wrote: no NIR, address or hash.
    const written = `${run.stdout}${run.stderr}${readFileSync(report, "utf8")}`;
    for (let i = 0; i < 50; i++) {
      const espace = espaceRow(small.plan.seed, i, pools);
      expect(written).not.toContain(espace.nir.slice(0, 13));
      if (espace.contactEmail) expect(written).not.toContain(espace.contactEmail);
      if (espace.fields[5]) expect(written).not.toContain(espace.fields[5]);
    }
    expect(written).not.toMatch(/@|\$2[aby]\$|\{SSHA/);

    // Again: everything unchanged, the same rejections.
    const again = await runPnpm(
      "import:legacy",
      ["--espaces", small.espaces, "--identities", small.identities],
      importEnv({ DATABASE_PATH: join(dir, "cli.db") }),
    );
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(
      `inserted 0, updated 0, unchanged ${m.espaces.valid}, skipped (already migrated) 0`,
    );
  }, 120_000);

  it("stops with exit code 2 and a French message on a file that is not the export, before writing anything", async () => {
    const bad = join(dir, "mauvais.csv");
    writeFileSync(bad, "nir;naissance;prenom\n1;2;3\n");
    const run = await runPnpm(
      "import:legacy",
      ["--espaces", bad],
      importEnv({ DATABASE_PATH: join(dir, "bad.db") }),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Import arrêté : colonnes inconnues : naissance, prenom.");
    const missing = await runPnpm(
      "import:legacy",
      ["--espaces", join(dir, "absent.csv")],
      importEnv({ DATABASE_PATH: join(dir, "bad.db") }),
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Fichier introuvable");
  });
});

describe.each(ENGINES)("an import beside a live server on %s", (engine) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
  let app: AppProcess;
  let where: Record<string, string>;

  beforeAll(async () => {
    const appDir = tempDir();
    database = engine === "postgres" ? await createTestDatabase() : null;
    where = database ? { DATABASE_URL: database.url } : { DATABASE_PATH: join(appDir, "app.db") };
    app = await AppProcess.start({ dir: appDir, env: { ...SECRETS, ...where } });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    removeDir(app.dir);
    await database?.drop();
  });

  async function count(table: "members" | "identities"): Promise<number> {
    if (database) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
      } finally {
        await client.end();
      }
    }
    const sqlite = new BetterSqlite(where.DATABASE_PATH as string, { readonly: true });
    try {
      return (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      sqlite.close();
    }
  }

  it("keeps members signing in and migrating while it writes, and breaks no invariant", async () => {
    expect(await count("members")).toBe(11); // the demo data
    const identitiesBefore = await count("identities");

    const run = runPnpm(
      "import:legacy",
      ["--espaces", large.espaces, "--identities", large.identities],
      importEnv(where),
      300_000,
    );
    let running = true;
    void run.then(() => {
      running = false;
    });

    // Members sign in over and over while the import runs; one of them migrates.
    const latencies: number[] = [];
    const statuses: number[] = [];
    let migrated = false;
    const marie = new Client(app.url);
    while (running) {
      const started = performance.now();
      const res = await new Client(app.url).post("/api/login/nir", {
        nir: DEMO.jean.nir,
        password: DEMO_PASSWORD,
      });
      latencies.push(performance.now() - started);
      statuses.push(res.status);
      if (!migrated && latencies.length === 20) {
        await marie.post("/api/login/nir", { nir: DEMO.marie.nir, password: DEMO_PASSWORD });
        await marie.post("/api/migration/email", { email: DEMO.marie.email });
        const created = await marie.post("/api/migration/create", {
          email: DEMO.marie.email,
          password: NEW_PASSWORD,
          secretQuestionId: "pet",
          secretAnswer: "Rex",
        });
        expect(created.status).toBe(200);
        migrated = true;
      }
    }
    const result = await run;
    expect(result.code, result.stderr).toBe(1); // the export's bad rows
    expect(migrated).toBe(true);
    expect(latencies.length).toBeGreaterThan(20);
    // Every sign-in answered, none waited more than a moment for the import's batches.
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(Math.max(...latencies)).toBeLessThan(1000);

    const m = large.manifest;
    expect(result.stdout).toContain(`inserted ${m.espaces.valid},`);
    expect(await count("members")).toBe(11 + m.espaces.valid);
    // The cockpit's counters, kept by the import's batches and the live migration at once.
    const check = await runPnpm("funnel:check", [], importEnv(where));
    expect(check.code, `${check.stdout}${check.stderr}`).toBe(0);
    expect(check.stdout).toContain(`${(11 + m.espaces.valid).toLocaleString("fr-FR")} Espaces`);
    expect(await count("identities")).toBe(identitiesBefore + 1 + m.identities.valid); // Marie's new one, the imported

    // The migration held: Marie's session is a member's; an imported member signs in on the server.
    expect((await marie.get("/api/session")).body).toMatchObject({
      state: "member",
      email: DEMO.marie.email,
    });
    let imported = espaceRow(large.plan.seed, 0, pools);
    for (let i = 1; imported.hashFormat === "none" || !imported.traits.failedAttemptsEmpty; i++) {
      imported = espaceRow(large.plan.seed, i, pools);
    }
    const signedIn = await new Client(app.url).post("/api/login/nir", {
      nir: imported.nir,
      password: ESPACE_PASSWORD,
    });
    expect(signedIn.status).toBe(200);
  }, 300_000);
});
