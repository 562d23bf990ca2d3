import { sql } from "drizzle-orm";
import type { Executor } from "../db/engine";
import type { AccountKind } from "../db/vocabulary";

/**
 * Lock counters: an Espace's or an identity's failed attempts and lock time, and the
 * failures of identifiers of no account. Each reservation is one conditional statement,
 * atomic on both engines (PostgreSQL re-checks the condition on the row it locks).
 */

const table = (kind: AccountKind) => (kind === "member" ? sql`members` : sql`identities`);

/** One more attempt while fewer than `max` and not locked; the new count, or undefined. */
export async function reserveAccountAttempt(
  x: Executor,
  kind: AccountKind,
  id: number,
  max: number,
): Promise<number | undefined> {
  const row = await x.get<{ failedAttempts: number }>(
    sql`UPDATE ${table(kind)} SET failed_attempts = failed_attempts + 1
        WHERE id = ${id} AND failed_attempts < ${max} AND locked_at IS NULL
        RETURNING failed_attempts`,
  );
  return row?.failedAttempts;
}

/** Sets the lock time if there is none; true when this call set it. */
export async function setLocked(
  x: Executor,
  kind: AccountKind,
  id: number,
  now: number,
): Promise<boolean> {
  return (
    (await x.run(
      sql`UPDATE ${table(kind)} SET locked_at = ${now} WHERE id = ${id} AND locked_at IS NULL`,
    )) > 0
  );
}

/** The count starts again, unless a lock landed meanwhile; false then. */
export async function resetAttempts(x: Executor, kind: AccountKind, id: number): Promise<boolean> {
  return (
    (await x.run(
      sql`UPDATE ${table(kind)} SET failed_attempts = 0 WHERE id = ${id} AND locked_at IS NULL`,
    )) > 0
  );
}

export async function lockedAt(x: Executor, kind: AccountKind, id: number): Promise<number | null> {
  const row = await x.get<{ lockedAt: number | null }>(
    sql`SELECT locked_at FROM ${table(kind)} WHERE id = ${id}`,
  );
  return row?.lockedAt ?? null;
}

/** Lifts the lock and the count. */
export async function clearLock(x: Executor, kind: AccountKind, id: number): Promise<void> {
  await x.run(
    sql`UPDATE ${table(kind)} SET failed_attempts = 0, locked_at = NULL WHERE id = ${id}`,
  );
}

/** One more failure on an identifier of no account while fewer than `max`; the new count, or undefined. */
export async function reserveIdentifierAttempt(
  x: Executor,
  key: string,
  max: number,
  now: number,
): Promise<number | undefined> {
  const row = await x.get<{ failedAttempts: number }>(
    sql`INSERT INTO identifier_failures (key, failed_attempts, updated_at) VALUES (${key}, 1, ${now})
        ON CONFLICT (key) DO UPDATE SET failed_attempts = identifier_failures.failed_attempts + 1,
          updated_at = excluded.updated_at
        WHERE identifier_failures.failed_attempts < ${max}
        RETURNING failed_attempts`,
  );
  return row?.failedAttempts;
}

export async function forgetIdentifier(x: Executor, key: string): Promise<void> {
  await x.run(sql`DELETE FROM identifier_failures WHERE key = ${key}`);
}
