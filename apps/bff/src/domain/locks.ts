import { MAX_FAILED_ATTEMPTS } from "@mgen/contracts/rules";
import * as store from "../store/locks";
import type { AccountRef } from "./accounts";
import type { DomainContext, Executor, Tx } from "./context";
import { deviceSucceeded, reserveOnDevice, trustedDevice } from "./devices";
import { trackMember } from "./funnel";

/**
 * SPEC "Locks": 5 consecutive failed passwords lock an Espace or an identity. Every
 * attempt is reserved by one conditional UPDATE before the secret is checked, so that
 * parallel requests can never check a sixth password, whatever the concurrency:
 * - a browser with a device cookie for the account spends its own 5 attempts;
 * - any other browser spends the account's, and the fifth failure locks it;
 * - an identifier of no account (an unknown NIR or address, or the NIR of a migrated
 *   Espace) spends the attempts of its keyed hash, and locks after 5 the same way, so
 *   that a lock tells nobody who is a member.
 * A lock is lifted only by `unlockAccount` (a completed reset, or an adviser).
 */

export { MAX_FAILED_ATTEMPTS };

export type Reservation =
  | { via: "device"; account: AccountRef; tokenHash: string; count: number }
  | { via: "account"; account: AccountRef; count: number }
  | { via: "identifier"; key: string; count: number };

/** What a lock counter knows of an identifier: a keyed hash, never the NIR or the address. */
export function identifierKey(
  ctx: Pick<DomainContext, "keys">,
  kind: "nir" | "email",
  value: string,
): string {
  return `${kind}:${ctx.keys.identifier.hash(`${kind}:${value}`).digest}`;
}

/**
 * Reserves one attempt at `account`'s password, or null when none is left: the account
 * (or, for a trusted browser, the browser itself) is locked, and the secret must not be
 * checked.
 */
export async function reserveAttempt(
  ctx: Pick<DomainContext, "keys">,
  x: Executor,
  account: AccountRef,
  deviceToken: string | null,
  now: number,
): Promise<Reservation | null> {
  const device = await trustedDevice(ctx, x, deviceToken, account, now);
  if (device) {
    const count = await reserveOnDevice(x, device);
    if (count !== null) return { via: "device", account, tokenHash: device.tokenHash, count };
  }
  const count = await store.reserveAccountAttempt(x, account.kind, account.id, MAX_FAILED_ATTEMPTS);
  return count === undefined ? null : { via: "account", account, count };
}

/** Reserves one attempt on an identifier of no account; null when its 5 are spent. */
export async function reserveIdentifierAttempt(
  x: Executor,
  key: string,
  now: number,
): Promise<Reservation | null> {
  const count = await store.reserveIdentifierAttempt(x, key, MAX_FAILED_ATTEMPTS, now);
  return count === undefined ? null : { via: "identifier", key, count };
}

export type Failure = {
  /** The answer must say "locked". */
  locked: boolean;
  /** This very failure locked the account (exactly one failure does, whatever the concurrency). */
  justLocked: boolean;
};

/** The reserved attempt failed: at the fifth, the account or identifier is locked. */
export async function attemptFailed(
  x: Tx,
  reservation: Reservation,
  now: number,
): Promise<Failure> {
  if (reservation.via === "identifier") {
    const locked = reservation.count >= MAX_FAILED_ATTEMPTS;
    return { locked, justLocked: reservation.count === MAX_FAILED_ATTEMPTS };
  }
  if (reservation.via === "device") {
    // The browser's own failures: at 5 it is trusted no more, and meets the account's lock.
    const spent = reservation.count >= MAX_FAILED_ATTEMPTS;
    return { locked: spent && (await isLocked(x, reservation.account)), justLocked: false };
  }
  if (reservation.count < MAX_FAILED_ATTEMPTS) return { locked: false, justLocked: false };
  const { kind, id } = reservation.account;
  const lock = () => store.setLocked(x, kind, id, now);
  // An Espace's lock is a figure of the cockpit.
  const justLocked = kind === "member" ? await trackMember(x, id, lock) : await lock();
  return { locked: true, justLocked };
}

/**
 * The reserved attempt gave the right password: its count starts again. False when a
 * lock landed on the account while the password was being checked (refuse then).
 */
export async function attemptSucceeded(
  x: Executor,
  reservation: Reservation,
  now: number,
): Promise<boolean> {
  if (reservation.via === "identifier") {
    await store.forgetIdentifier(x, reservation.key);
    return true;
  }
  if (reservation.via === "device") {
    const { account, tokenHash } = reservation;
    await deviceSucceeded(x, { tokenHash, accountKind: account.kind, accountId: account.id }, now);
    return true;
  }
  return store.resetAttempts(x, reservation.account.kind, reservation.account.id);
}

export async function isLocked(x: Executor, account: AccountRef): Promise<boolean> {
  return (await store.lockedAt(x, account.kind, account.id)) !== null;
}

/** Lifts the lock and the count; true when the account was locked. */
export async function unlockAccount(x: Tx, account: AccountRef): Promise<boolean> {
  const unlock = async () => {
    const wasLocked = await isLocked(x, account);
    await store.clearLock(x, account.kind, account.id);
    return wasLocked;
  };
  return account.kind === "member" ? trackMember(x, account.id, unlock) : unlock();
}
