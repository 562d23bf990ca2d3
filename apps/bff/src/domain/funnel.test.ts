import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { openSqlite } from "../db/sqlite/engine";
import { addDays, checkCounters, parisDay, readFunnel, rebuildCountersIfMissing } from "./funnel";

/**
 * A database written before the cockpit (migrations up to 0005): the migration 0006 fills
 * in when each Espace entered the wizard and how it migrated, from what the data says, and
 * the first start builds the counters from it, once. The migration adds its columns in
 * place: Eva's pending validation (a row that cascades from its Espace) survives it.
 */

const migrations = join(dirname(fileURLToPath(import.meta.url)), "../db/sqlite/migrations");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The committed migrations up to (and without) the cockpit's, in a folder of their own. */
function migrationsBeforeCockpit(dir: string): string {
  const folder = join(dir, "migrations");
  cpSync(migrations, folder, { recursive: true });
  const journalPath = join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8"));
  journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < "0006");
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe("a database written before the cockpit", () => {
  it("gets its Espaces' wizard dates and paths from the data, then its counters once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mgen-funnel-"));
    dirs.push(dir);
    const path = join(dir, "old.db");
    const old = new BetterSqlite(path);
    migrate(drizzle(old), { migrationsFolder: migrationsBeforeCockpit(dir) });
    const T = Date.UTC(2026, 10, 20, 9, 0);
    const member = old.prepare(
      `INSERT INTO members (nir_hash, birth_date, first_name, last_name, contact_email, password_hash, identity_id, migrated_at, created_at)
       VALUES (?, '1990-01-01', ?, 'Test', ?, 'x', ?, ?, ?)`,
    );
    const identity = old.prepare(
      "INSERT INTO identities (email, password_hash, validated_at, created_at) VALUES (?, 'x', ?, ?)",
    );
    const contact = identity.run("a@example.org", T, T).lastInsertRowid;
    const other = identity.run("b.new@example.org", T, T).lastInsertRowid;
    const linked = identity.run("c.connect@example.org", T, T).lastInsertRowid;
    member.run("h1", "Anne", "a@example.org", contact, T + 1, T); // by her contact address
    member.run("h2", "Bruno", "b@example.org", other, T + 2, T); // by another address
    const c = member.run("h3", "Chloé", "c@example.org", linked, T + 3, T).lastInsertRowid; // by linking
    const d = member.run("h4", "Denis", "d@example.org", null, null, T).lastInsertRowid; // signed in once
    const e = member.run("h5", "Eva", "e@example.org", null, null, T).lastInsertRowid; // pending
    member.run("h6", "Farid", null, null, null, T); // never signed in, no contact address
    const event = old.prepare(
      "INSERT INTO security_events (at, event, channel, member_id, subject) VALUES (?, ?, ?, ?, 'espace')",
    );
    event.run(T + 3, "identity.linked", "email", c);
    event.run(T + 10, "login.succeeded", "nir", d);
    old
      .prepare(
        `INSERT INTO pending_migrations (member_id, email, password_hash, secret_question_id, secret_answer_hash, created_at)
         VALUES (?, 'e.new@example.org', 'x', 'book', 'x', ?)`,
      )
      .run(e, T + 20);
    old.close();

    const db = openSqlite(path);
    try {
      db.migrate();
      const rows = db.connection
        .prepare("SELECT first_name, wizard_started_at, migrated_by FROM members ORDER BY id")
        .all();
      expect(rows).toEqual([
        { first_name: "Anne", wizard_started_at: T + 1, migrated_by: "contact_email" },
        { first_name: "Bruno", wizard_started_at: T + 2, migrated_by: "other_address" },
        { first_name: "Chloé", wizard_started_at: T + 3, migrated_by: "link" },
        { first_name: "Denis", wizard_started_at: T + 10, migrated_by: null },
        { first_name: "Eva", wizard_started_at: T + 20, migrated_by: null },
        { first_name: "Farid", wizard_started_at: null, migrated_by: null },
      ]);
      const ctx = { db, now: () => T + 30 };
      expect(await rebuildCountersIfMissing(ctx)).toBe(true);
      expect(await rebuildCountersIfMissing(ctx)).toBe(false);
      expect(await checkCounters(ctx)).toMatchObject({ differences: [], espaces: 6 });
      const funnel = await readFunnel(ctx, 1);
      expect(funnel.states).toMatchObject({
        not_started: 1,
        wizard_started: 1,
        validation_pending: 1,
        migrated: 3,
      });
      expect(funnel.migratedBy).toEqual({ contact_email: 1, other_address: 1, link: 1 });
      expect(funnel.dropOff).toContainEqual({ reason: "no_contact_email", count: 1 });
    } finally {
      await db.close();
    }
  });
});

describe("calendar days", () => {
  it("are days in Europe/Paris, across the change of time", () => {
    // 23:30 UTC is already the next day in Paris (UTC+1 in winter, UTC+2 in summer).
    expect(parisDay(Date.UTC(2026, 11, 31, 23, 30))).toBe("2027-01-01");
    expect(parisDay(Date.UTC(2026, 6, 14, 21, 59))).toBe("2026-07-14");
    expect(parisDay(Date.UTC(2026, 6, 14, 22, 0))).toBe("2026-07-15");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDays("2026-12-25", 7)).toBe("2027-01-01");
  });
});

describe("the counters' check beside a live server (SQLite)", () => {
  it("reads one snapshot and blocks no writer meanwhile", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mgen-funnel-"));
    dirs.push(dir);
    const path = join(dir, "app.db");
    const server = openSqlite(path);
    const check = openSqlite(path);
    try {
      server.migrate();
      const count = (x: { get: typeof server.get }) =>
        x.get<{ n: number }>(sql`SELECT count(*) AS n FROM funnel_events`);
      const seen = await check.snapshot(async (x) => {
        const before = await count(x);
        // The server writes while the check reads: at once, not after the check.
        const started = performance.now();
        await server.transaction((tx) =>
          tx.run(
            sql`INSERT INTO funnel_events (at, day, name) VALUES (1, '2026-12-01', 'started')`,
          ),
        );
        const waited = performance.now() - started;
        return { before: before?.n, after: (await count(x))?.n, waited };
      });
      expect(seen.before).toBe(0);
      expect(seen.after).toBe(0); // the snapshot
      expect(seen.waited).toBeLessThan(1000);
      expect((await count(server))?.n).toBe(1);
    } finally {
      await check.close();
      await server.close();
    }
  });
});
