import { sql } from "drizzle-orm";
import type { Executor } from "../db/engine";
import type { AccountKind } from "../db/vocabulary";

/** Device-cookie records: per browser token (keyed hash) and account, its own failures. */

export type DeviceKey = { tokenHash: string; accountKind: AccountKind; accountId: number };

/** The record of one of `tokenHashes` for the account, still trusted (unexpired, fewer than `max` failures). */
export async function trustedDevice(
  x: Executor,
  tokenHashes: string[],
  accountKind: AccountKind,
  accountId: number,
  max: number,
  now: number,
): Promise<DeviceKey | undefined> {
  for (const tokenHash of tokenHashes) {
    const row = await x.get<DeviceKey>(
      sql`SELECT token_hash, account_kind, account_id FROM devices
          WHERE token_hash = ${tokenHash} AND account_kind = ${accountKind} AND account_id = ${accountId}
            AND expires_at > ${now} AND failed_attempts < ${max}`,
    );
    if (row) return row;
  }
  return undefined;
}

const where = (key: DeviceKey) =>
  sql`token_hash = ${key.tokenHash} AND account_kind = ${key.accountKind} AND account_id = ${key.accountId}`;

/** One more attempt on the device's own count while fewer than `max`; the new count, or undefined. */
export async function reserveDeviceAttempt(
  x: Executor,
  key: DeviceKey,
  max: number,
): Promise<number | undefined> {
  const row = await x.get<{ failedAttempts: number }>(
    sql`UPDATE devices SET failed_attempts = failed_attempts + 1
        WHERE ${where(key)} AND failed_attempts < ${max}
        RETURNING failed_attempts`,
  );
  return row?.failedAttempts;
}

export async function deviceSucceeded(x: Executor, key: DeviceKey, now: number): Promise<void> {
  await x.run(
    sql`UPDATE devices SET failed_attempts = 0, last_used_at = ${now} WHERE ${where(key)}`,
  );
}

/** This browser is trusted for the account until `expiresAt`, with no failures. */
export async function rememberDevice(
  x: Executor,
  key: DeviceKey & { keyId: number },
  now: number,
  expiresAt: number,
): Promise<void> {
  await x.run(
    sql`INSERT INTO devices (token_hash, key_id, account_kind, account_id, failed_attempts, created_at, last_used_at, expires_at)
        VALUES (${key.tokenHash}, ${key.keyId}, ${key.accountKind}, ${key.accountId}, 0, ${now}, ${now}, ${expiresAt})
        ON CONFLICT (token_hash, account_kind, account_id)
        DO UPDATE SET failed_attempts = 0, last_used_at = excluded.last_used_at, expires_at = excluded.expires_at`,
  );
}
