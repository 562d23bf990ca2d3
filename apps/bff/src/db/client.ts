import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: BetterSqlite.Database };
export type AppDatabase = { db: Db; sqlite: BetterSqlite.Database; close: () => void };

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "migrations");

/**
 * Opens (and creates) the SQLite file with the settings every process must share:
 * WAL so readers never wait for the writer, a busy timeout so that several processes on
 * one file queue instead of failing, foreign keys on, and secure_delete so that erased
 * content (delivered email bodies, used tokens) does not survive in the file.
 */
export function openDatabase(path: string): AppDatabase {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("secure_delete = ON");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema });
  return { db, sqlite, close: () => sqlite.close() };
}

/** Applies the committed drizzle-kit migrations; safe to run at every start. */
export function migrateDatabase(database: AppDatabase): void {
  migrate(database.db, { migrationsFolder });
}

/**
 * A statement built and compiled once per database, then reused. The hot paths (every
 * request's session look-up, sign-ins, throttling) run prepared statements instead of
 * building and compiling their SQL on every request.
 */
export function preparedOnce<T, D extends object = Db>(build: (db: D) => T): (db: D) => T {
  const statements = new WeakMap<D, T>();
  return (db) => {
    let statement = statements.get(db);
    if (statement === undefined) {
      statement = build(db);
      statements.set(db, statement);
    }
    return statement;
  };
}

const queuedWatchers = new WeakMap<BetterSqlite.Database, Set<() => void>>();

/**
 * Whether this connection has queued work for the mail dispatcher (an email in the outbox,
 * a forgotten-password, unlock or Connect reset request) since the last call. Temporary triggers call
 * back into this process on each such insert, whatever code path made it; a rolled-back
 * insert counts too, and only costs the dispatcher one look. Call after the migrations.
 */
export function watchQueuedWork(database: AppDatabase): () => boolean {
  const { sqlite } = database;
  let watchers = queuedWatchers.get(sqlite);
  if (!watchers) {
    const all = new Set<() => void>();
    watchers = all;
    queuedWatchers.set(sqlite, all);
    sqlite.function("mgen_work_queued", { deterministic: false }, () => {
      for (const watcher of all) watcher();
      return null;
    });
    for (const table of ["outbox", "reset_requests"]) {
      sqlite.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS ${table}_queued AFTER INSERT ON main.${table}
         BEGIN SELECT mgen_work_queued(); END`,
      );
    }
  }
  let queued = false;
  watchers.add(() => {
    queued = true;
  });
  return () => {
    const was = queued;
    queued = false;
    return was;
  };
}
