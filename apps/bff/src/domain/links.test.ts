import { tokenFromFragment } from "@mgen/contracts/rules";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { linkTokens, members } from "../db/schema";
import { createTestApp, type TestApp } from "../test/harness";
import { consumeLink, findLiveLink, issueLink, LINK_TTL_MS, recentLinks } from "./links";

let t: TestApp;
let memberId: number;
const T0 = Date.UTC(2026, 10, 26, 9, 0);

beforeEach(async () => {
  t = await createTestApp();
  memberId = t.database.db.select().from(members).get()?.id ?? -1;
});
afterEach(async () => {
  await t.close();
});

/** Issues a link and returns its token, as the page it opens reads it. */
function issue(purpose: Parameters<typeof issueLink>[2], at = T0, email: string | null = null) {
  const url = issueLink(t.ctx, t.database.db, purpose, { memberId }, at, email);
  return { url, token: tokenFromFragment(new URL(url).hash) };
}

describe("emailed links", () => {
  it("are built from PUBLIC_URL with a 256-bit token in the fragment, stored only as a keyed hash", () => {
    const { url, token } = issue("legacy_reset");
    expect(url).toBe(`http://localhost:3000/reinitialisation#token=${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = t.database.db.select().from(linkTokens).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.keyId).toBe(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("expire after their purpose's lifetime: 24 h to validate or cancel, 1 h to reset", () => {
    expect(LINK_TTL_MS).toEqual({
      email_validation: 86_400_000,
      migration_cancel: 86_400_000,
      legacy_reset: 3_600_000,
      connect_reset: 3_600_000,
    });
    const { token } = issue("legacy_reset");
    expect(findLiveLink(t.ctx, t.database.db, token, "legacy_reset", T0 + 3_599_999)).toBeDefined();
    expect(
      findLiveLink(t.ctx, t.database.db, token, "legacy_reset", T0 + 3_600_000),
    ).toBeUndefined();
  });

  it("serve one purpose only", () => {
    const { token } = issue("legacy_reset");
    expect(findLiveLink(t.ctx, t.database.db, token, "email_validation", T0)).toBeUndefined();
  });

  it("void the owner's older links of the same purpose, not of another", () => {
    const validation = issue("email_validation", T0, "a@b.fr");
    const first = issue("legacy_reset");
    const second = issue("legacy_reset", T0 + 1);
    const live = (token: string, purpose: "legacy_reset" | "email_validation") =>
      findLiveLink(t.ctx, t.database.db, token, purpose, T0 + 2);
    expect(live(first.token, "legacy_reset")).toBeUndefined();
    expect(live(second.token, "legacy_reset")).toBeDefined();
    expect(live(validation.token, "email_validation")).toBeDefined();
  });

  it("are spent once", () => {
    const { token } = issue("legacy_reset");
    expect(consumeLink(t.ctx, t.database.db, token, "legacy_reset", T0)?.usedAt).toBe(T0);
    expect(consumeLink(t.ctx, t.database.db, token, "legacy_reset", T0)).toBeUndefined();
    expect(findLiveLink(t.ctx, t.database.db, token, "legacy_reset", T0)).toBeUndefined();
  });

  it("die with a change of credential: a link of an older epoch never works", () => {
    const { token } = issue("email_validation", T0, "a@b.fr");
    t.database.db
      .update(members)
      .set({ credentialEpoch: sql`${members.credentialEpoch} + 1` })
      .where(eq(members.id, memberId))
      .run();
    // Not voided, not used, not expired: only its epoch is old.
    expect(t.database.db.select().from(linkTokens).get()).toMatchObject({
      usedAt: null,
      voidedAt: null,
    });
    expect(findLiveLink(t.ctx, t.database.db, token, "email_validation", T0)).toBeUndefined();
    expect(consumeLink(t.ctx, t.database.db, token, "email_validation", T0)).toBeUndefined();
  });

  it("count what was sent recently, for throttling", () => {
    for (let i = 0; i < 3; i++) issue("email_validation", T0 + i * 1000, "a@b.fr");
    expect(recentLinks(t.database.db, "email_validation", { memberId }, T0 + 500)).toEqual({
      lastAt: T0 + 2000,
      count: 2,
      oldestAt: T0 + 1000,
    });
  });
});
