import type { Config } from "../config";
import type { Engine } from "./engine";
import { openPostgres, type PostgresEngine } from "./postgres/engine";
import { openSqlite, type SqliteEngine } from "./sqlite/engine";

export type Database = SqliteEngine | PostgresEngine;

/** The configured database: PostgreSQL when `DATABASE_URL` is set, else the SQLite file. */
export function openDatabase(
  config: Pick<Config, "databaseUrl" | "databasePath" | "databasePoolSize">,
): Database {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, { poolSize: config.databasePoolSize })
    : openSqlite(config.databasePath);
}

/**
 * Applies the committed migrations. A fresh database (no tables before) gets `onFresh`
 * (the demo data, outside production); an existing one is only migrated. On PostgreSQL
 * this happens under an advisory lock, so that whichever instance starts first migrates
 * (and seeds), and the others wait, then only find it done.
 */
export async function prepareDatabase(
  db: Database,
  onFresh: () => Promise<void>,
): Promise<boolean> {
  if (db.kind === "sqlite") {
    const fresh = db.migrate();
    if (fresh) await onFresh();
    return fresh;
  }
  return db.migrate(async (fresh) => {
    if (fresh) await onFresh();
  });
}

export type { Engine };
