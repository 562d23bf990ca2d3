import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { identities, members } from "../db/schema";
import { createTestApp, type TestApp } from "../test/harness";
import { countIdentityFailure, countMemberFailure, MAX_FAILED_ATTEMPTS } from "./locks";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe("failure counting", () => {
  it("locks an Espace at the fifth consecutive failure, and says which failure locked it", () => {
    const marie = t.database.db.select().from(members).where(eq(members.firstName, "Marie")).get();
    const results = Array.from({ length: 7 }, () =>
      countMemberFailure(t.database.db, marie?.id ?? -1, 42),
    );
    expect(MAX_FAILED_ATTEMPTS).toBe(5);
    expect(results.map((r) => r.locked)).toEqual([false, false, false, false, true, true, true]);
    expect(results.map((r) => r.justLocked)).toEqual([
      false,
      false,
      false,
      false,
      true,
      false,
      false,
    ]);
    const row = t.database.db
      .select()
      .from(members)
      .where(eq(members.id, marie?.id ?? -1))
      .get();
    expect(row?.lockedAt).toBe(42);
  });

  it("keeps the first lock time of an identity", () => {
    const jean = t.database.db
      .select()
      .from(identities)
      .where(eq(identities.email, "jean.martin@example.fr"))
      .get();
    for (let i = 0; i < 5; i++) countIdentityFailure(t.database.db, jean?.id ?? -1, 42);
    expect(countIdentityFailure(t.database.db, jean?.id ?? -1, 99)).toEqual({
      locked: true,
      justLocked: false,
    });
    expect(
      t.database.db
        .select()
        .from(identities)
        .where(eq(identities.id, jean?.id ?? -1))
        .get()?.lockedAt,
    ).toBe(42);
  });
});
