import type pino from "pino";
import type { Config } from "../config";
import type { Db } from "../db/client";
import type { Hasher } from "./crypto";
import type { Keys } from "./keys";

/** Reads and writes, inside or outside a transaction. */
export type Store = Pick<Db, "select" | "insert" | "update" | "delete">;

/** What domain functions need: the database, the hasher, the keys, the clock and the config. */
export type DomainContext = {
  db: Db;
  hasher: Hasher;
  keys: Keys;
  config: Config;
  now: () => number;
  logger: pino.Logger;
};

/**
 * Who is asking: the request (for the security events' log lines), the client address
 * as throttling sees it, and the device token of a valid device cookie (SPEC "Locks").
 */
export type Caller = { requestId: string | null; client: string | null; device: string | null };

/** A caller for work that no request asked for (the background worker, a command). */
export const SYSTEM_CALLER: Caller = { requestId: null, client: null, device: null };

const afterCommitHooks = new WeakMap<object, Array<() => void>>();

/**
 * Runs `work` in one BEGIN IMMEDIATE transaction: every change and queued email, or none.
 * What `afterCommit` registered in it runs once the transaction has committed.
 */
export function inTransaction<T>(ctx: Pick<DomainContext, "db">, work: (tx: Store) => T): T {
  const hooks: Array<() => void> = [];
  const result = ctx.db.transaction(
    (tx) => {
      afterCommitHooks.set(tx, hooks);
      return work(tx);
    },
    { behavior: "immediate" },
  );
  for (const hook of hooks) hook();
  return result;
}

/** Runs `hook` once the transaction of `tx` has committed (at once outside a transaction). */
export function afterCommit(tx: Store, hook: () => void): void {
  const hooks = afterCommitHooks.get(tx);
  if (hooks) hooks.push(hook);
  else hook();
}

/** True when `error` is SQLite refusing a row that breaks a UNIQUE constraint. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") return true;
  }
  return false;
}
