import { MAX_FAILED_ATTEMPTS } from "@mgen/contracts/rules";
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { devices } from "../db/schema";
import type { AccountRef } from "./accounts";
import type { DomainContext, Store } from "./context";
import { newSecretToken } from "./keys";

/**
 * Device cookies (SPEC "Locks", after OWASP's "Slow Down Online Guessing Attacks with
 * Device Cookies"). A browser that signed in to an account holds a signed cookie; while
 * the account is locked by failures from elsewhere, that browser still signs in with the
 * right password. Its own failures are counted on its record here: at 5, it counts as
 * any other browser. The cookie holds a random token; the database keeps only its keyed
 * hash and, per account, the failures.
 */

export const DEVICE_LIFETIME_MS = 365 * 24 * 3_600_000;

export type DeviceKey = { tokenHash: string; account: AccountRef };

function matches(key: DeviceKey) {
  return and(
    eq(devices.tokenHash, key.tokenHash),
    eq(devices.accountKind, key.account.kind),
    eq(devices.accountId, key.account.id),
  );
}

/**
 * The record of this browser for this account when it is still trusted (known, not
 * expired, fewer than 5 failures of its own), or null.
 */
export function trustedDevice(
  ctx: Pick<DomainContext, "keys">,
  store: Store,
  token: string | null,
  account: AccountRef,
  now: number,
): DeviceKey | null {
  if (!token) return null;
  const digests = ctx.keys.deviceToken.candidates(token).map((c) => c.digest);
  const row = store
    .select({ tokenHash: devices.tokenHash })
    .from(devices)
    .where(
      and(
        inArray(devices.tokenHash, digests),
        eq(devices.accountKind, account.kind),
        eq(devices.accountId, account.id),
        gt(devices.expiresAt, now),
        lt(devices.failedAttempts, MAX_FAILED_ATTEMPTS),
      ),
    )
    .get();
  return row ? { tokenHash: row.tokenHash, account } : null;
}

/** Reserves one attempt on the device's own count; null when it has used its 5. */
export function reserveOnDevice(store: Store, key: DeviceKey): number | null {
  const row = store
    .update(devices)
    .set({ failedAttempts: sql`${devices.failedAttempts} + 1` })
    .where(and(matches(key), lt(devices.failedAttempts, MAX_FAILED_ATTEMPTS)))
    .returning({ failedAttempts: devices.failedAttempts })
    .get();
  return row ? row.failedAttempts : null;
}

/** The trusted browser gave the right password: its own count starts again. */
export function deviceSucceeded(store: Store, key: DeviceKey, now: number): void {
  store.update(devices).set({ failedAttempts: 0, lastUsedAt: now }).where(matches(key)).run();
}

/**
 * After a successful sign-in: this browser is (again) trusted for the account for a year,
 * with no failures. Returns the device token, the one the browser had or a new one.
 */
export function rememberDevice(
  ctx: Pick<DomainContext, "keys">,
  tx: Store,
  account: AccountRef,
  token: string | null,
  now: number,
): string {
  const deviceToken = token ?? newSecretToken();
  const { keyId, digest } = ctx.keys.deviceToken.hash(deviceToken);
  const values = { failedAttempts: 0, lastUsedAt: now, expiresAt: now + DEVICE_LIFETIME_MS };
  tx.insert(devices)
    .values({
      tokenHash: digest,
      keyId,
      accountKind: account.kind,
      accountId: account.id,
      createdAt: now,
      ...values,
    })
    .onConflictDoUpdate({
      target: [devices.tokenHash, devices.accountKind, devices.accountId],
      set: values,
    })
    .run();
  return deviceToken;
}
