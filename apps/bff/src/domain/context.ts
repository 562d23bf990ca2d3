import type pino from "pino";
import type { Config } from "../config";
import type { Engine, Executor, Tx } from "../db/engine";
import type { Hasher } from "./crypto";
import type { Keys } from "./keys";

export type { Executor, Tx };

/** What domain functions need: the database, the hasher, the keys, the clock and the config. */
export type DomainContext = {
  db: Engine;
  hasher: Hasher;
  keys: Keys;
  config: Config;
  now: () => number;
  logger: pino.Logger;
  /** Told after a transaction queued background work (an email, a reset request). */
  workQueued: () => void;
};

/**
 * Who is asking: the request (for the security events' log lines), the client address
 * as throttling sees it, and the device token of a valid device cookie (SPEC "Locks").
 */
export type Caller = { requestId: string | null; client: string | null; device: string | null };

/** A caller for work that no request asked for (the background worker, a command). */
export const SYSTEM_CALLER: Caller = { requestId: null, client: null, device: null };

/** Runs `work` in one transaction: every change and queued email, or none. */
export function inTransaction<T>(
  ctx: Pick<DomainContext, "db">,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction(work);
}
