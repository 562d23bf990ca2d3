import { afterEach, describe, expect, it } from "vitest";
import { sessions } from "../db/sqlite/schema";
import { deleteExpiredSessions } from "../domain/sessions";
import {
  CONNECT_PASSWORD,
  createTestApp,
  DEMO,
  ESPACE_PASSWORD,
  type TestApp,
  testClock,
} from "../test/harness";

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const MINUTE = 60_000;

describe("GET /api/session and POST /api/logout", () => {
  it("is anonymous without a cookie, and with a forged one", async () => {
    t = await createTestApp();
    expect((await t.browser().get("/api/session")).body).toEqual({ state: "anonymous" });
    const forged = await t.browser().get("/api/session", {
      headers: { Cookie: "mgen_session=forged-value-that-matches-nothing" },
    });
    expect(forged.status).toBe(200);
    expect(forged.body).toEqual({ state: "anonymous" });
  });

  it("says member after an email sign-in, and anonymous after sign-out", async () => {
    t = await createTestApp();
    const browser = t.browser();
    await browser.post("/api/login/email", { email: DEMO.luc.email, password: CONNECT_PASSWORD });
    const stolen = browser.clone();
    expect((await browser.get("/api/session")).body).toEqual({
      state: "member",
      firstName: "Luc",
      email: DEMO.luc.email,
    });
    const out = await browser.post("/api/logout");
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^mgen_session=;.*Max-Age=0/);
    expect((await browser.get("/api/session")).body).toEqual({ state: "anonymous" });
    // The session is destroyed on the server, not only forgotten by the browser.
    expect((await stolen.get("/api/me")).status).toBe(401);
    expect(t.database.db.select().from(sessions).all()).toHaveLength(0);
  });

  it("answers 204 to a sign-out without a session", async () => {
    t = await createTestApp();
    expect((await t.browser().post("/api/logout")).status).toBe(204);
  });

  it("ends a NIR session after 15 minutes idle", async () => {
    const clock = testClock();
    t = await createTestApp({ now: clock.now });
    const browser = t.browser();
    await browser.post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD });
    clock.advance(14 * MINUTE);
    expect((await browser.get("/api/session")).body.state).toBe("migration");
    clock.advance(14 * MINUTE); // active 14 min ago: still alive
    expect((await browser.get("/api/migration")).status).toBe(200);
    clock.advance(15 * MINUTE);
    expect((await browser.get("/api/session")).body).toEqual({ state: "anonymous" });
    expect((await browser.get("/api/migration")).status).toBe(401);
  });

  it("ends a member session after 30 minutes idle", async () => {
    const clock = testClock();
    t = await createTestApp({ now: clock.now });
    const browser = t.browser();
    await browser.post("/api/login/email", { email: DEMO.luc.email, password: CONNECT_PASSWORD });
    clock.advance(29 * MINUTE);
    expect((await browser.get("/api/me")).status).toBe(200);
    clock.advance(31 * MINUTE);
    expect((await browser.get("/api/me")).status).toBe(401);
  });

  it("ends a member session after 12 hours, however active", async () => {
    const clock = testClock();
    t = await createTestApp({ now: clock.now });
    const browser = t.browser();
    await browser.post("/api/login/email", { email: DEMO.luc.email, password: CONNECT_PASSWORD });
    for (let elapsed = 0; elapsed < 12 * 60; elapsed += 20) {
      expect((await browser.get("/api/me")).status).toBe(200);
      clock.advance(20 * MINUTE);
    }
    expect((await browser.get("/api/me")).status).toBe(401);
  });

  it("keeps only a keyed hash of the session id", async () => {
    t = await createTestApp();
    const browser = t.browser();
    await browser.post("/api/login/email", { email: DEMO.luc.email, password: CONNECT_PASSWORD });
    const token = browser.cookie("mgen_session") ?? "";
    const rows = t.database.db.select().from(sessions).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.idHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("uses __Host- and Secure outside development, for the session and the device cookie", async () => {
    t = await createTestApp({ config: { secureCookies: true } });
    const browser = t.browser();
    const res = await browser.post("/api/login/email", {
      email: DEMO.luc.email,
      password: CONNECT_PASSWORD,
    });
    const [session = "", device = ""] = res.headers.getSetCookie();
    expect(session).toMatch(/^__Host-mgen_session=/);
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; Path=\//);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(device).toMatch(/^__Host-mgen_device=[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22};/);
    expect(device).toMatch(/; Max-Age=31536000/);
    expect(device).toMatch(/; Secure/);
    expect(device).toMatch(/; HttpOnly/);
    expect(device).toMatch(/; SameSite=Lax/);
    expect((await browser.get("/api/me")).status).toBe(200);
  });
});

describe("GET /api/me", () => {
  it("needs a member session", async () => {
    t = await createTestApp();
    const anonymous = await t.browser().get("/api/me");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("UNAUTHENTICATED");
    const browser = t.browser();
    await browser.post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD });
    expect((await browser.get("/api/me")).status).toBe(401);
  });

  it("shows the migrated member's names, identifier and migration date", async () => {
    t = await createTestApp();
    const browser = t.browser();
    await browser.post("/api/login/email", {
      email: "famille.bernard@example.fr",
      password: CONNECT_PASSWORD,
    });
    expect((await browser.get("/api/me")).body).toEqual({
      firstName: "Marc",
      lastName: "Bernard",
      email: "famille.bernard@example.fr",
      migratedAt: "2026-03-02T09:30:00.000Z",
    });
  });
});

describe("periodic clean-up", () => {
  it("deletes sessions past their idle or absolute limit, and only those", async () => {
    const clock = testClock();
    t = await createTestApp({ now: clock.now });
    const nir = t.browser();
    await nir.post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD });
    const member = t.browser();
    await member.post("/api/login/email", { email: DEMO.luc.email, password: CONNECT_PASSWORD });
    clock.advance(16 * MINUTE);
    expect(await deleteExpiredSessions(t.db, clock.now())).toBe(1);
    expect(
      t.database.db
        .select()
        .from(sessions)
        .all()
        .map((s) => s.kind),
    ).toEqual(["member"]);
    clock.advance(15 * MINUTE);
    expect(await deleteExpiredSessions(t.db, clock.now())).toBe(1);
    expect(t.database.db.select().from(sessions).all()).toEqual([]);
  });
});
