import { MAX_FAILED_ATTEMPTS } from "@mgen/contracts/rules";
import { and, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { identifierFailures, identities, members } from "../db/schema";
import type { AccountRef } from "./accounts";
import type { DomainContext, Store } from "./context";
import { deviceSucceeded, reserveOnDevice, trustedDevice } from "./devices";

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

function table(account: AccountRef) {
  return account.kind === "member" ? members : identities;
}

/**
 * Reserves one attempt at `account`'s password, or null when none is left: the account
 * (or, for a trusted browser, the browser itself) is locked, and the secret must not be
 * checked.
 */
export function reserveAttempt(
  ctx: Pick<DomainContext, "keys">,
  store: Store,
  account: AccountRef,
  deviceToken: string | null,
  now: number,
): Reservation | null {
  const device = trustedDevice(ctx, store, deviceToken, account, now);
  if (device) {
    const count = reserveOnDevice(store, device);
    if (count !== null) return { via: "device", account, tokenHash: device.tokenHash, count };
  }
  const t = table(account);
  const row = store
    .update(t)
    .set({ failedAttempts: sql`${t.failedAttempts} + 1` })
    .where(and(eq(t.id, account.id), lt(t.failedAttempts, MAX_FAILED_ATTEMPTS), isNull(t.lockedAt)))
    .returning({ count: t.failedAttempts })
    .get();
  return row ? { via: "account", account, count: row.count } : null;
}

/** Reserves one attempt on an identifier of no account; null when its 5 are spent. */
export function reserveIdentifierAttempt(
  store: Store,
  key: string,
  now: number,
): Reservation | null {
  const row = store
    .insert(identifierFailures)
    .values({ key, failedAttempts: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: identifierFailures.key,
      set: { failedAttempts: sql`${identifierFailures.failedAttempts} + 1`, updatedAt: now },
      setWhere: lt(identifierFailures.failedAttempts, MAX_FAILED_ATTEMPTS),
    })
    .returning({ count: identifierFailures.failedAttempts })
    .get();
  return row ? { via: "identifier", key, count: row.count } : null;
}

export type Failure = {
  /** The answer must say "locked". */
  locked: boolean;
  /** This very failure locked the account (exactly one does, whatever the concurrency). */
  justLocked: boolean;
};

/** The reserved attempt failed: at the fifth, the account or identifier is locked. */
export function attemptFailed(store: Store, reservation: Reservation, now: number): Failure {
  if (reservation.via === "identifier") {
    const locked = reservation.count >= MAX_FAILED_ATTEMPTS;
    return { locked, justLocked: reservation.count === MAX_FAILED_ATTEMPTS };
  }
  if (reservation.via === "device") {
    // The browser's own failures: at 5 it is trusted no more, and meets the account's lock.
    const spent = reservation.count >= MAX_FAILED_ATTEMPTS;
    return { locked: spent && isLocked(store, reservation.account), justLocked: false };
  }
  if (reservation.count < MAX_FAILED_ATTEMPTS) return { locked: false, justLocked: false };
  const t = table(reservation.account);
  const locked = store
    .update(t)
    .set({ lockedAt: now })
    .where(and(eq(t.id, reservation.account.id), isNull(t.lockedAt)))
    .returning({ id: t.id })
    .get();
  return { locked: true, justLocked: locked !== undefined };
}

/**
 * The reserved attempt gave the right password: its count starts again. False when a
 * lock landed on the account while the password was being checked (refuse then).
 */
export function attemptSucceeded(store: Store, reservation: Reservation, now: number): boolean {
  if (reservation.via === "identifier") {
    store.delete(identifierFailures).where(eq(identifierFailures.key, reservation.key)).run();
    return true;
  }
  if (reservation.via === "device") {
    deviceSucceeded(store, { tokenHash: reservation.tokenHash, account: reservation.account }, now);
    return true;
  }
  const t = table(reservation.account);
  const row = store
    .update(t)
    .set({ failedAttempts: 0 })
    .where(and(eq(t.id, reservation.account.id), isNull(t.lockedAt)))
    .returning({ id: t.id })
    .get();
  return row !== undefined;
}

export function isLocked(store: Store, account: AccountRef): boolean {
  const t = table(account);
  return (
    store
      .select({ id: t.id })
      .from(t)
      .where(and(eq(t.id, account.id), isNotNull(t.lockedAt)))
      .get() !== undefined
  );
}

/** Lifts the lock and the count; true when the account was locked. */
export function unlockAccount(store: Store, account: AccountRef): boolean {
  const t = table(account);
  const before = store.select({ lockedAt: t.lockedAt }).from(t).where(eq(t.id, account.id)).get();
  store.update(t).set({ failedAttempts: 0, lockedAt: null }).where(eq(t.id, account.id)).run();
  return before?.lockedAt != null;
}
