import type pino from "pino";
import type { Config } from "../config";
import type { Db } from "../db/client";
import type { Hasher } from "./crypto";
import type { Store } from "./tokens";

/** What domain functions need: the database, the hasher, the clock and the config. */
export type DomainContext = {
  db: Db;
  hasher: Hasher;
  config: Config;
  now: () => number;
  logger: pino.Logger;
};

/** Runs `work` in one BEGIN IMMEDIATE transaction: every change and queued email, or none. */
export function inTransaction<T>(ctx: Pick<DomainContext, "db">, work: (tx: Store) => T): T {
  return ctx.db.transaction(work, { behavior: "immediate" });
}

/** True when `error` is SQLite refusing a row that breaks a UNIQUE constraint. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") return true;
  }
  return false;
}
