import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { identities, members } from "../db/schema";
import { createTestApp, type TestApp } from "../test/harness";
import { identityAccount, memberAccount } from "./accounts";
import { rememberDevice } from "./devices";
import {
  attemptFailed,
  attemptSucceeded,
  identifierKey,
  isLocked,
  MAX_FAILED_ATTEMPTS,
  reserveAttempt,
  reserveIdentifierAttempt,
  unlockAccount,
} from "./locks";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const memberId = (firstName: string) =>
  t.database.db.select().from(members).where(eq(members.firstName, firstName)).get()?.id ?? -1;
const identityId = (email: string) =>
  t.database.db.select().from(identities).where(eq(identities.email, email)).get()?.id ?? -1;

describe("reserving attempts", () => {
  it("reserves 5 attempts on an Espace; the fifth failure locks it, and no sixth is reserved", () => {
    const db = t.database.db;
    const marie = memberAccount(memberId("Marie"));
    const reservations = Array.from({ length: 6 }, () =>
      reserveAttempt(t.ctx, db, marie, null, 42),
    );
    expect(MAX_FAILED_ATTEMPTS).toBe(5);
    expect(reservations.map((r) => r?.count ?? null)).toEqual([1, 2, 3, 4, 5, null]);
    const failures = reservations
      .slice(0, 5)
      .map((r) => attemptFailed(db, r as NonNullable<typeof r>, 42));
    expect(failures.map((f) => f.locked)).toEqual([false, false, false, false, true]);
    expect(failures.map((f) => f.justLocked)).toEqual([false, false, false, false, true]);
    expect(isLocked(db, marie)).toBe(true);
    expect(db.select().from(members).where(eq(members.id, marie.id)).get()?.lockedAt).toBe(42);
  });

  it("starts the count again after the right password, unless a lock landed meanwhile", () => {
    const db = t.database.db;
    const jean = identityAccount(identityId("jean.martin@example.fr"));
    const first = reserveAttempt(t.ctx, db, jean, null, 1);
    if (!first) throw new Error("reserved");
    expect(attemptSucceeded(db, first, 1)).toBe(true);
    expect(reserveAttempt(t.ctx, db, jean, null, 1)?.count).toBe(1);
    const pending = reserveAttempt(t.ctx, db, jean, null, 1);
    db.update(identities).set({ lockedAt: 5 }).where(eq(identities.id, jean.id)).run();
    expect(attemptSucceeded(db, pending as NonNullable<typeof pending>, 6)).toBe(false);
  });

  it("lets a browser with a device cookie spend its own 5 attempts while the account is locked", () => {
    const db = t.database.db;
    const marie = memberAccount(memberId("Marie"));
    const device = rememberDevice(t.ctx, db, marie, null, 1);
    for (let i = 0; i < 5; i++) {
      const r = reserveAttempt(t.ctx, db, marie, null, 2);
      attemptFailed(db, r as NonNullable<typeof r>, 2);
    }
    expect(reserveAttempt(t.ctx, db, marie, null, 3)).toBeNull();
    const own = Array.from({ length: 5 }, () => reserveAttempt(t.ctx, db, marie, device, 3));
    expect(own.map((r) => r?.via)).toEqual(["device", "device", "device", "device", "device"]);
    // Its own 5 spent, it is any other browser: the account is locked for it too.
    expect(reserveAttempt(t.ctx, db, marie, device, 3)).toBeNull();
    // Another account does not trust it.
    const jean = memberAccount(memberId("Jean"));
    expect(reserveAttempt(t.ctx, db, jean, device, 3)?.via).toBe("account");
  });

  it("locks an identifier of no account after 5 failures, by its keyed hash", () => {
    const db = t.database.db;
    const key = identifierKey(t.ctx, "nir", "199017500100143");
    expect(key).not.toContain("199017500100143");
    const counts = Array.from(
      { length: 6 },
      () => reserveIdentifierAttempt(db, key, 1)?.count ?? null,
    );
    expect(counts).toEqual([1, 2, 3, 4, 5, null]);
  });

  it("unlocks: the count and the lock go, and says whether there was one", () => {
    const db = t.database.db;
    const paul = memberAccount(memberId("Paul"));
    expect(isLocked(db, paul)).toBe(true);
    expect(unlockAccount(db, paul)).toBe(true);
    expect(isLocked(db, paul)).toBe(false);
    expect(reserveAttempt(t.ctx, db, paul, null, 1)?.count).toBe(1);
    expect(unlockAccount(db, paul)).toBe(false);
  });
});
