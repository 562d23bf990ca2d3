import { tokenFromFragment } from "@mgen/contracts/rules";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Link } from "../store/rows";
import { ENGINES, idWhere } from "../test/engines";
import { createTestApp, type TestApp } from "../test/harness";
import { consumeLink, findLiveLink, issueLink, LINK_TTL_MS, recentLinks } from "./links";

const T0 = Date.UTC(2026, 10, 26, 9, 0);

describe.each(ENGINES)("emailed links on %s", (engine) => {
  let t: TestApp;
  let memberId: number;
  beforeEach(async () => {
    t = await createTestApp({ engine });
    memberId = await idWhere(t.db, "members", "first_name", "Marie");
  });
  afterEach(async () => {
    await t.close();
  });

  /** Issues a link and returns its token, as the page it opens reads it. */
  async function issue(
    purpose: Parameters<typeof issueLink>[2],
    at = T0,
    email: string | null = null,
  ) {
    const url = await issueLink(t.ctx, t.db, purpose, { memberId }, at, email);
    return { url, token: tokenFromFragment(new URL(url).hash) };
  }
  const rows = () => t.db.all<Link>(sql`SELECT * FROM link_tokens`);

  it("are built from PUBLIC_URL with a 256-bit token in the fragment, stored only as a keyed hash", async () => {
    const { url, token } = await issue("legacy_reset");
    expect(url).toBe(`http://localhost:3000/reinitialisation#token=${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await rows();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]?.keyId).toBe(1);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it("expire after their purpose's lifetime: 24 h to validate or cancel, 1 h to reset", async () => {
    expect(LINK_TTL_MS).toEqual({
      email_validation: 86_400_000,
      migration_cancel: 86_400_000,
      legacy_reset: 3_600_000,
      connect_reset: 3_600_000,
    });
    const { token } = await issue("legacy_reset");
    expect(await findLiveLink(t.ctx, t.db, token, "legacy_reset", T0 + 3_599_999)).toBeDefined();
    expect(await findLiveLink(t.ctx, t.db, token, "legacy_reset", T0 + 3_600_000)).toBeUndefined();
  });

  it("serve one purpose only", async () => {
    const { token } = await issue("legacy_reset");
    expect(await findLiveLink(t.ctx, t.db, token, "email_validation", T0)).toBeUndefined();
  });

  it("void the owner's older links of the same purpose, not of another", async () => {
    const validation = await issue("email_validation", T0, "a@b.fr");
    const first = await issue("legacy_reset");
    const second = await issue("legacy_reset", T0 + 1);
    const live = (token: string, purpose: "legacy_reset" | "email_validation") =>
      findLiveLink(t.ctx, t.db, token, purpose, T0 + 2);
    expect(await live(first.token, "legacy_reset")).toBeUndefined();
    expect(await live(second.token, "legacy_reset")).toBeDefined();
    expect(await live(validation.token, "email_validation")).toBeDefined();
  });

  it("are spent once, even by 20 parallel transactions", async () => {
    const { token } = await issue("legacy_reset");
    const spent = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.db.transaction((tx) => consumeLink(t.ctx, tx, token, "legacy_reset", T0)),
      ),
    );
    expect(spent.filter(Boolean).map((l) => l?.usedAt)).toEqual([T0]);
    expect(await findLiveLink(t.ctx, t.db, token, "legacy_reset", T0)).toBeUndefined();
  });

  it("die with a change of credential: a link of an older epoch never works", async () => {
    const { token } = await issue("email_validation", T0, "a@b.fr");
    await t.db.run(
      sql`UPDATE members SET credential_epoch = credential_epoch + 1 WHERE id = ${memberId}`,
    );
    // Not voided, not used, not expired: only its epoch is old.
    expect((await rows())[0]).toMatchObject({ usedAt: null, voidedAt: null });
    expect(await findLiveLink(t.ctx, t.db, token, "email_validation", T0)).toBeUndefined();
    expect(
      await t.db.transaction((tx) => consumeLink(t.ctx, tx, token, "email_validation", T0)),
    ).toBeUndefined();
  });

  it("count what was sent recently, for throttling", async () => {
    for (let i = 0; i < 3; i++) await issue("email_validation", T0 + i * 1000, "a@b.fr");
    expect(await recentLinks(t.db, "email_validation", { memberId }, T0 + 500)).toEqual({
      lastAt: T0 + 2000,
      count: 2,
      oldestAt: T0 + 1000,
    });
  });
});
