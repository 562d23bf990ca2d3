import { MAX_FAILED_ATTEMPTS } from "@mgen/contracts/rules";
import * as store from "../store/devices";
import type { AccountRef } from "./accounts";
import type { DomainContext, Executor } from "./context";
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

export type DeviceKey = store.DeviceKey;

/** The record of this browser for this account when it is still trusted, or null. */
export async function trustedDevice(
  ctx: Pick<DomainContext, "keys">,
  x: Executor,
  token: string | null,
  account: AccountRef,
  now: number,
): Promise<DeviceKey | null> {
  if (!token) return null;
  const digests = ctx.keys.deviceToken.candidates(token).map((c) => c.digest);
  return (
    (await store.trustedDevice(x, digests, account.kind, account.id, MAX_FAILED_ATTEMPTS, now)) ??
    null
  );
}

/** Reserves one attempt on the device's own count; null when it has used its 5. */
export async function reserveOnDevice(x: Executor, key: DeviceKey): Promise<number | null> {
  return (await store.reserveDeviceAttempt(x, key, MAX_FAILED_ATTEMPTS)) ?? null;
}

export const deviceSucceeded = store.deviceSucceeded;

/**
 * After a successful sign-in: this browser is (again) trusted for the account for a year,
 * with no failures. Returns the device token, the one the browser had or a new one.
 */
export async function rememberDevice(
  ctx: Pick<DomainContext, "keys">,
  x: Executor,
  account: AccountRef,
  token: string | null,
  now: number,
): Promise<string> {
  const deviceToken = token ?? newSecretToken();
  const { keyId, digest } = ctx.keys.deviceToken.hash(deviceToken);
  await store.rememberDevice(
    x,
    { tokenHash: digest, keyId, accountKind: account.kind, accountId: account.id },
    now,
    now + DEVICE_LIFETIME_MS,
  );
  return deviceToken;
}
