import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, idWhere } from "../test/engines";
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

describe.each(ENGINES)("reserving attempts on %s", (engine) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ engine });
  });
  afterEach(async () => {
    await t.close();
  });

  const member = async (firstName: string) =>
    memberAccount(await idWhere(t.db, "members", "first_name", firstName));
  const identity = async (email: string) =>
    identityAccount(await idWhere(t.db, "identities", "email", email));

  it("reserves 5 attempts on an Espace; the fifth failure locks it, and no sixth is reserved", async () => {
    const marie = await member("Marie");
    const reservations = [];
    for (let i = 0; i < 6; i++)
      reservations.push(await reserveAttempt(t.ctx, t.db, marie, null, 42));
    expect(MAX_FAILED_ATTEMPTS).toBe(5);
    expect(reservations.map((r) => r?.count ?? null)).toEqual([1, 2, 3, 4, 5, null]);
    const failures = [];
    for (const r of reservations.slice(0, 5))
      failures.push(
        await t.db.transaction((tx) => attemptFailed(tx, r as NonNullable<typeof r>, 42)),
      );
    expect(failures.map((f) => f.locked)).toEqual([false, false, false, false, true]);
    expect(failures.map((f) => f.justLocked)).toEqual([false, false, false, false, true]);
    expect(await isLocked(t.db, marie)).toBe(true);
    const row = await t.db.get<{ lockedAt: number }>(
      sql`SELECT locked_at FROM members WHERE id = ${marie.id}`,
    );
    expect(row?.lockedAt).toBe(42);
  });

  it("checks exactly 5 of 20 parallel reservations, each in a transaction of its own", async () => {
    const antoine = await member("Antoine");
    const reservations = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.db.transaction((tx) => reserveAttempt(t.ctx, tx, antoine, null, 1)),
      ),
    );
    expect(
      reservations
        .filter(Boolean)
        .map((r) => r?.count)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5]);
  });

  it("starts the count again after the right password, unless a lock landed meanwhile", async () => {
    const jean = await identity("jean.martin@example.fr");
    const first = await reserveAttempt(t.ctx, t.db, jean, null, 1);
    if (!first) throw new Error("reserved");
    expect(await attemptSucceeded(t.db, first, 1)).toBe(true);
    expect((await reserveAttempt(t.ctx, t.db, jean, null, 1))?.count).toBe(1);
    const pending = await reserveAttempt(t.ctx, t.db, jean, null, 1);
    await t.db.run(sql`UPDATE identities SET locked_at = 5 WHERE id = ${jean.id}`);
    expect(await attemptSucceeded(t.db, pending as NonNullable<typeof pending>, 6)).toBe(false);
  });

  it("lets a browser with a device cookie spend its own 5 attempts while the account is locked", async () => {
    const marie = await member("Marie");
    const device = await rememberDevice(t.ctx, t.db, marie, null, 1);
    for (let i = 0; i < 5; i++) {
      const r = await reserveAttempt(t.ctx, t.db, marie, null, 2);
      await t.db.transaction((tx) => attemptFailed(tx, r as NonNullable<typeof r>, 2));
    }
    expect(await reserveAttempt(t.ctx, t.db, marie, null, 3)).toBeNull();
    const own = [];
    for (let i = 0; i < 5; i++) own.push(await reserveAttempt(t.ctx, t.db, marie, device, 3));
    expect(own.map((r) => r?.via)).toEqual(["device", "device", "device", "device", "device"]);
    // Its own 5 spent, it is any other browser: the account is locked for it too.
    expect(await reserveAttempt(t.ctx, t.db, marie, device, 3)).toBeNull();
    // Another account does not trust it.
    const jean = await member("Jean");
    expect((await reserveAttempt(t.ctx, t.db, jean, device, 3))?.via).toBe("account");
  });

  it("locks an identifier of no account after 5 failures, by its keyed hash", async () => {
    const key = identifierKey(t.ctx, "nir", "199017500100143");
    expect(key).not.toContain("199017500100143");
    const counts = [];
    for (let i = 0; i < 6; i++)
      counts.push((await reserveIdentifierAttempt(t.db, key, 1))?.count ?? null);
    expect(counts).toEqual([1, 2, 3, 4, 5, null]);
  });

  it("unlocks: the count and the lock go, and says whether there was one", async () => {
    const paul = await member("Paul");
    expect(await isLocked(t.db, paul)).toBe(true);
    expect(await t.db.transaction((tx) => unlockAccount(tx, paul))).toBe(true);
    expect(await isLocked(t.db, paul)).toBe(false);
    expect((await reserveAttempt(t.ctx, t.db, paul, null, 1))?.count).toBe(1);
    expect(await t.db.transaction((tx) => unlockAccount(tx, paul))).toBe(false);
  });
});
