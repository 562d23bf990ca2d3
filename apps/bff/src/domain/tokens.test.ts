import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { linkTokens, members } from "../db/schema";
import { createTestApp, type TestApp } from "../test/harness";
import { consumeToken, findLiveToken, issueToken, recentTokens, TOKEN_TTL_MS } from "./tokens";

let t: TestApp;
let memberId: number;
const SECRET = "test-session-secret-0123456789abcdef012345";
const T0 = Date.UTC(2026, 10, 26, 9, 0);

beforeEach(async () => {
  t = await createTestApp();
  memberId = t.database.db.select().from(members).get()?.id ?? -1;
});
afterEach(async () => {
  await t.close();
});

describe("link tokens", () => {
  it("are 256-bit, URL-safe, and stored only as a keyed hash", () => {
    const token = issueToken(t.database.db, SECRET, "legacy_reset", { memberId }, T0);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = t.database.db.select().from(linkTokens).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("expire after their purpose's lifetime: 24 h to validate, 1 h to reset", () => {
    expect(TOKEN_TTL_MS).toEqual({
      email_validation: 86_400_000,
      legacy_reset: 3_600_000,
      connect_reset: 3_600_000,
    });
    const token = issueToken(t.database.db, SECRET, "legacy_reset", { memberId }, T0);
    expect(
      findLiveToken(t.database.db, SECRET, token, "legacy_reset", T0 + 3_599_999),
    ).toBeDefined();
    expect(
      findLiveToken(t.database.db, SECRET, token, "legacy_reset", T0 + 3_600_000),
    ).toBeUndefined();
  });

  it("serve one purpose only", () => {
    const token = issueToken(t.database.db, SECRET, "legacy_reset", { memberId }, T0);
    expect(findLiveToken(t.database.db, SECRET, token, "email_validation", T0)).toBeUndefined();
  });

  it("void the owner's older links of the same purpose, not of another", () => {
    const validation = issueToken(
      t.database.db,
      SECRET,
      "email_validation",
      { memberId },
      T0,
      "a@b.fr",
    );
    const first = issueToken(t.database.db, SECRET, "legacy_reset", { memberId }, T0);
    const second = issueToken(t.database.db, SECRET, "legacy_reset", { memberId }, T0 + 1);
    expect(findLiveToken(t.database.db, SECRET, first, "legacy_reset", T0 + 2)).toBeUndefined();
    expect(findLiveToken(t.database.db, SECRET, second, "legacy_reset", T0 + 2)).toBeDefined();
    expect(
      findLiveToken(t.database.db, SECRET, validation, "email_validation", T0 + 2),
    ).toBeDefined();
  });

  it("are consumed once", () => {
    const token = issueToken(t.database.db, SECRET, "legacy_reset", { memberId }, T0);
    const row = findLiveToken(t.database.db, SECRET, token, "legacy_reset", T0);
    expect(consumeToken(t.database.db, row?.id ?? -1, T0)).toBe(true);
    expect(consumeToken(t.database.db, row?.id ?? -1, T0)).toBe(false);
    expect(findLiveToken(t.database.db, SECRET, token, "legacy_reset", T0)).toBeUndefined();
    expect(
      t.database.db
        .select()
        .from(linkTokens)
        .where(eq(linkTokens.id, row?.id ?? -1))
        .get()?.usedAt,
    ).toBe(T0);
  });

  it("count what was sent recently, for throttling", () => {
    for (let i = 0; i < 3; i++)
      issueToken(t.database.db, SECRET, "email_validation", { memberId }, T0 + i * 1000, "a@b.fr");
    expect(recentTokens(t.database.db, "email_validation", { memberId }, T0 + 500)).toEqual({
      lastAt: T0 + 2000,
      count: 2,
      oldestAt: T0 + 1000,
    });
  });
});
