import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStaff, currentCode, unlockStaffAccount } from "../domain/staff-auth";
import { DEMO_STAFF_PASSWORD, DEMO_STAFF_TOTP_SECRET, seedDemoStaffIfNone } from "../seed/staff";
import {
  type Browser,
  CONNECT_PASSWORD,
  createTestApp,
  DEMO,
  ESPACE_PASSWORD,
  STRONG_PASSWORD,
  type TestApp,
  testClock,
  tokenOf,
} from "../test/harness";

let t: TestApp;
let clock: ReturnType<typeof testClock>;
beforeEach(async () => {
  clock = testClock();
  t = await createTestApp({ now: clock.now });
});
afterEach(async () => {
  await t.close();
});

type Role = "conseiller" | "superviseur";
const REASON = "Appel de l'adhérent, identité vérifiée";

/** A TOTP code of the clock's current step, one step later than the last one used. */
function freshCode(): string {
  clock.advance(30_000);
  return currentCode(DEMO_STAFF_TOTP_SECRET, clock.now());
}

async function signIn(role: Role, browser: Browser = t.browser()): Promise<Browser> {
  const first = await browser.post("/api/staff/login", {
    email: `${role}@mgen.example`,
    password: DEMO_STAFF_PASSWORD,
  });
  expect(first.body).toEqual({ mfa: "totp" });
  const second = await browser.post("/api/staff/login/totp", { code: freshCode() });
  expect(second.status).toBe(200);
  return browser;
}

async function memberIdOf(name: keyof typeof DEMO): Promise<number> {
  const staff = await signIn("conseiller");
  const found = await staff.get(`/api/staff/members?q=${encodeURIComponent(DEMO[name].nir)}`);
  expect(found.body).toHaveLength(1);
  return found.body[0].id;
}

describe("staff sign-in: password and TOTP code", () => {
  it("opens nothing after the password alone, and a full session after the code", async () => {
    const b = t.browser();
    await b.post("/api/staff/login", {
      email: "conseiller@mgen.example",
      password: DEMO_STAFF_PASSWORD,
    });
    const halfway = b.cookie("mgen_staff");
    expect(halfway).toBeTruthy();
    expect((await b.get("/api/staff/session")).body.error.code).toBe("UNAUTHENTICATED");
    expect((await b.get("/api/staff/members?q=dupont")).status).toBe(401);

    const signed = await b.post("/api/staff/login/totp", { code: freshCode() });
    expect(signed.body).toEqual({ name: "Camille Conseil", role: "conseiller" });
    // A new id at sign-in; the cookie is HttpOnly and SameSite=Strict.
    expect(b.cookie("mgen_staff")).not.toBe(halfway);
    expect(signed.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(signed.headers.get("set-cookie")).toMatch(/SameSite=Strict/i);
    expect((await b.get("/api/staff/session")).body).toEqual({
      email: "conseiller@mgen.example",
      name: "Camille Conseil",
      role: "conseiller",
    });
  });

  it("refuses a wrong password and an unknown address alike, and the code step without a password", async () => {
    const wrong = await t
      .browser()
      .post("/api/staff/login", { email: "conseiller@mgen.example", password: "pas le bon" });
    const unknown = await t
      .browser()
      .post("/api/staff/login", { email: "personne@mgen.example", password: "pas le bon" });
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    const direct = await t.browser().post("/api/staff/login/totp", { code: freshCode() });
    expect(direct.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("accepts each code once: a replayed code is refused", async () => {
    const code = freshCode();
    const first = t.browser();
    await first.post("/api/staff/login", {
      email: "conseiller@mgen.example",
      password: DEMO_STAFF_PASSWORD,
    });
    expect((await first.post("/api/staff/login/totp", { code })).status).toBe(200);
    const second = t.browser();
    await second.post("/api/staff/login", {
      email: "conseiller@mgen.example",
      password: DEMO_STAFF_PASSWORD,
    });
    const replay = await second.post("/api/staff/login/totp", { code });
    expect(replay.body.error.code).toBe("INVALID_CREDENTIALS");
  });

  it("locks after 5 failures, passwords and codes together, then refuses even both right factors until unlocked", async () => {
    const b = t.browser();
    for (let i = 0; i < 3; i++) {
      await b.post("/api/staff/login", { email: "conseiller@mgen.example", password: "mauvais" });
    }
    await b.post("/api/staff/login", {
      email: "conseiller@mgen.example",
      password: DEMO_STAFF_PASSWORD,
    });
    expect((await b.post("/api/staff/login/totp", { code: "000000" })).status).toBe(401);
    const fifth = await b.post("/api/staff/login/totp", { code: "111111" });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe("ACCOUNT_LOCKED");
    const right = await t.browser().post("/api/staff/login", {
      email: "conseiller@mgen.example",
      password: DEMO_STAFF_PASSWORD,
    });
    expect(right.body.error.code).toBe("ACCOUNT_LOCKED");

    expect(await unlockStaffAccount(t.ctx, "conseiller@mgen.example")).toBe(true);
    await signIn("conseiller");
  });

  it("counts 30 parallel wrong passwords as exactly 5 checked, then locked", async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        t
          .browser()
          .post("/api/staff/login", { email: "superviseur@mgen.example", password: "mauvais" }),
      ),
    );
    const codes = answers.map((a) => a.body.error.code);
    expect(codes.filter((c) => c === "INVALID_CREDENTIALS")).toHaveLength(4);
    expect(codes.filter((c) => c === "ACCOUNT_LOCKED")).toHaveLength(26);
  });

  it("ends the session after 15 minutes idle, and at logout", async () => {
    const b = await signIn("conseiller");
    clock.advance(14 * 60_000);
    expect((await b.get("/api/staff/session")).status).toBe(200);
    clock.advance(15 * 60_000);
    expect((await b.get("/api/staff/session")).status).toBe(401);

    const c = await signIn("conseiller");
    expect((await c.post("/api/staff/logout")).status).toBe(204);
    expect((await c.get("/api/staff/session")).status).toBe(401);
  });
});

describe("the demo staff accounts", () => {
  it("are loaded into a development database that has no staff account, and only then", async () => {
    const bare = await createTestApp({ seed: false, now: clock.now });
    try {
      expect(await seedDemoStaffIfNone(bare.db, bare.ctx)).toBe(true);
      expect(await seedDemoStaffIfNone(bare.db, bare.ctx)).toBe(false);
      const b = bare.browser();
      const first = await b.post("/api/staff/login", {
        email: "superviseur@mgen.example",
        password: DEMO_STAFF_PASSWORD,
      });
      expect(first.body).toEqual({ mfa: "totp" });
    } finally {
      await bare.close();
    }
  });
});

describe("enrolment by a one-time link", () => {
  it("shows the QR code's URI and the key, refuses a weak password and a wrong code, then enrols once", async () => {
    const { token, url } = await createStaff(t.ctx, {
      email: "nouvelle@mgen.example",
      name: "Nora Nouvelle",
      role: "conseiller",
      secret: "KRSXG5CTMVRXEZLU",
    });
    expect(url).toMatch(/\/console\/enrolement#token=/);
    const b = t.browser();
    const info = await b.post("/api/staff/enrolment/inspect", { token });
    expect(info.body).toEqual({
      email: "nouvelle@mgen.example",
      name: "Nora Nouvelle",
      secret: "KRSXG5CTMVRXEZLU",
      otpauthUri: expect.stringMatching(/^otpauth:\/\/totp\/.*secret=KRSXG5CTMVRXEZLU/),
    });
    const weak = await b.post("/api/staff/enrolment", {
      token,
      password: "motdepasse",
      code: freshCode(),
    });
    expect(weak.body.error.code).toBe("WEAK_PASSWORD");
    const badCode = await b.post("/api/staff/enrolment", {
      token,
      password: STRONG_PASSWORD,
      code: "123456",
    });
    expect(badCode.body.error.code).toBe("INVALID_CREDENTIALS");
    const code = currentCode("KRSXG5CTMVRXEZLU", clock.now());
    expect(
      (await b.post("/api/staff/enrolment", { token, password: STRONG_PASSWORD, code })).status,
    ).toBe(200);
    const again = await b.post("/api/staff/enrolment/inspect", { token });
    expect(again.body.error.code).toBe("TOKEN_INVALID");

    const signing = t.browser();
    await signing.post("/api/staff/login", {
      email: "nouvelle@mgen.example",
      password: STRONG_PASSWORD,
    });
    // The enrolment's code was spent: the next step's is needed.
    clock.advance(30_000);
    const next = currentCode("KRSXG5CTMVRXEZLU", clock.now());
    expect((await signing.post("/api/staff/login/totp", { code: next })).body).toEqual({
      name: "Nora Nouvelle",
      role: "conseiller",
    });
  });

  it("keeps the TOTP secret sealed in the database, never in clear", async () => {
    await createStaff(t.ctx, {
      email: "scelle@mgen.example",
      name: "Sam Scellé",
      role: "conseiller",
      secret: "KRSXG5CTMVRXEZLU",
    });
    const rows = await t.db.all<{ totpSealed: string }>(
      sql`SELECT totp_sealed FROM staff_accounts`,
    );
    for (const row of rows) {
      expect(row.totpSealed).toMatch(/^v1\./);
      expect(row.totpSealed).not.toContain("KRSXG5CTMVRXEZLU");
      expect(row.totpSealed).not.toContain(DEMO_STAFF_TOTP_SECRET);
    }
  });
});

describe("every staff route, every role, and no session", () => {
  const routes: Array<{ method: "GET" | "POST"; path: string; body?: unknown; only?: Role }> = [
    { method: "GET", path: "/api/staff/session" },
    { method: "GET", path: "/api/staff/members?q=dupont" },
    { method: "POST", path: "/api/staff/members/search", body: { q: "dupont" } },
    { method: "GET", path: "/api/staff/members/1" },
    { method: "POST", path: "/api/staff/members/1/unlock", body: { reason: REASON } },
    { method: "POST", path: "/api/staff/members/1/send-reset", body: { reason: REASON } },
    { method: "POST", path: "/api/staff/members/1/resend-validation", body: { reason: REASON } },
    { method: "POST", path: "/api/staff/members/1/cancel-pending", body: { reason: REASON } },
    {
      method: "POST",
      path: "/api/staff/members/1/contact-email",
      body: { email: "marie.nouvelle@example.fr", reason: REASON },
      only: "superviseur",
    },
    { method: "POST", path: "/api/staff/members/1/end-sessions", body: { reason: REASON } },
    { method: "GET", path: "/api/staff/audit", only: "superviseur" },
    { method: "GET", path: "/api/staff/audit?format=csv", only: "superviseur" },
    { method: "POST", path: "/api/staff/logout" },
  ];

  it("answers UNAUTHENTICATED without a session, and after the password step alone", async () => {
    const halfway = t.browser();
    await halfway.post("/api/staff/login", {
      email: "superviseur@mgen.example",
      password: DEMO_STAFF_PASSWORD,
    });
    const member = await signInMember();
    for (const browser of [t.browser(), halfway, member]) {
      for (const route of routes) {
        const res = await browser.request(route.method, route.path, route.body);
        expect([route.path, res.status, res.body?.error?.code]).toEqual([
          route.path,
          401,
          "UNAUTHENTICATED",
        ]);
      }
    }
  });

  it("lets each role use its routes, and answers FORBIDDEN to a conseiller on a superviseur's", async () => {
    for (const role of ["conseiller", "superviseur"] as const) {
      for (const route of routes) {
        const b = await signIn(role);
        const res = await b.request(route.method, route.path, route.body);
        if (route.only && route.only !== role) {
          expect([route.path, res.status, res.body.error.code]).toEqual([
            route.path,
            403,
            "FORBIDDEN",
          ]);
        } else {
          // Allowed: a success, or a refusal of the domain (nothing locked, nothing pending), never 401/403.
          expect([route.path, res.status < 500, [401, 403].includes(res.status)]).toEqual([
            route.path,
            true,
            false,
          ]);
        }
      }
    }
  });

  it("asks a written reason of 10 characters or more for every action", async () => {
    const b = await signIn("superviseur");
    for (const route of routes.filter((r) => r.body && "reason" in (r.body as object))) {
      const body = { ...(route.body as object), reason: "   court  " };
      const res = await b.post(route.path, body);
      expect([route.path, res.status, res.body.error.code, res.body.error.fields?.reason]).toEqual([
        route.path,
        400,
        "VALIDATION_ERROR",
        expect.stringContaining("10 caractères"),
      ]);
    }
  });

  /** A member's own session: it opens nothing of the staff API. */
  async function signInMember(): Promise<Browser> {
    const b = t.browser();
    await b.post("/api/login/nir", { nir: DEMO.jean.nir, password: ESPACE_PASSWORD });
    return b;
  }
});

describe("finding a member", () => {
  it("finds by NIR (keyed hash), by address and by name prefix with accents and case ignored", async () => {
    const b = await signIn("conseiller");
    const byNir = await b.get(`/api/staff/members?q=${encodeURIComponent(DEMO.marie.nir)}`);
    const page = await b.get(`/api/staff/members/${byNir.body[0].id}`);
    // What an adviser sees of a member: never a password, a hash or a full NIR.
    expect(Object.keys(page.body).sort()).toEqual(
      [
        "birthDate",
        "contactEmail",
        "createdAt",
        "espaceLocked",
        "firstName",
        "id",
        "identifier",
        "identityLocked",
        "lastName",
        "migratedAt",
        "nirMasked",
        "pending",
        "state",
        "timeline",
      ].sort(),
    );
    expect(page.text).not.toMatch(/argon2|\$2[aby]\$|password|motDePasse/i);
    expect(byNir.body).toEqual([
      {
        id: expect.any(Number),
        firstName: "Marie",
        lastName: "Dupont",
        birthDate: "1990-08-15",
        nirMasked: "2 90 08 •• ••• ••• 11",
        state: "not_started",
        identifier: null,
      },
    ]);
    const byAddress = await b.get("/api/staff/members?q=FAMILLE.bernard@example.fr");
    expect(byAddress.body.map((m: { firstName: string }) => m.firstName).sort()).toEqual([
      "Marc",
      "Sophie",
    ]);
    const byName = await b.get(`/api/staff/members?q=${encodeURIComponent("BERNÂRD")}`);
    expect(byName.body).toHaveLength(2);
    const narrowed = await b.get(
      `/api/staff/members?q=${encodeURIComponent("bernard 12/03/1985")}`,
    );
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.length).toBeLessThanOrEqual(1);
    const none = await b.get("/api/staff/members?q=zzzz");
    expect(none.body).toEqual([]);
    // The console's way: the same search with the words in the body, not in a URL.
    const posted = await b.post("/api/staff/members/search", { q: DEMO.marie.nir });
    expect(posted.body).toEqual(byNir.body);
  });

  it("never answers, stores or logs a full NIR, and audits the search without its words", async () => {
    const b = await signIn("superviseur");
    const res = await b.get(`/api/staff/members?q=${encodeURIComponent(DEMO.paul.nir)}`);
    const full = DEMO.paul.nir.replaceAll(" ", "");
    expect(res.text.replaceAll(" ", "")).not.toContain(full);
    expect(res.body[0].state).toBe("locked");
    const audit = await b.get("/api/staff/audit?action=staff.search");
    expect(audit.body.items[0]).toMatchObject({
      action: "staff.search",
      staff: { email: "superviseur@mgen.example", name: "Dominique Supervision" },
      outcome: "nir : 1 résultat",
    });
    expect(JSON.stringify(audit.body)).not.toContain(full.slice(5, 13));
  });

  it("answers a clear 4xx for a query too short, and 404 for an unknown member", async () => {
    const b = await signIn("conseiller");
    const short = await b.get("/api/staff/members?q=a");
    expect(short.status).toBe(400);
    expect(short.body.error.fields.q).toBeTruthy();
    expect((await b.get("/api/staff/members/999999")).body.error.code).toBe("NOT_FOUND");
    expect((await b.get("/api/staff/members/abc")).status).toBe(404);
  });
});

describe("actions on a member", () => {
  it("unlocks Paul the way a reset does: event in his timeline, email, sessions voided, and he signs in", async () => {
    const id = await memberIdOf("paul");
    const b = await signIn("conseiller");
    const before = await b.get(`/api/staff/members/${id}`);
    expect(before.body).toMatchObject({ state: "locked", espaceLocked: true });
    const done = await b.post(`/api/staff/members/${id}/unlock`, { reason: REASON });
    expect(done.body).toEqual({ espace: true, identity: false });
    const mail = await t.waitForMail(DEMO.paul.email as string, (m) =>
      m.subject.includes("débloqué"),
    );
    expect(mail.text).toContain("un conseiller MGEN vient de débloquer votre compte");
    const after = await b.get(`/api/staff/members/${id}`);
    expect(after.body.state).toBe("not_started");
    expect(after.body.timeline[0]).toMatchObject({ event: "account.unlocked", channel: "staff" });
    const paul = await t.browser().post("/api/login/nir", {
      nir: DEMO.paul.nir,
      password: ESPACE_PASSWORD,
    });
    expect(paul.status).toBe(200);
    const twice = await b.post(`/api/staff/members/${id}/unlock`, { reason: REASON });
    expect(twice.body.error.code).toBe("NOT_LOCKED");
  });

  it("sends a reset link to the contact address, or to the identifier once migrated, and tells when there is none", async () => {
    const b = await signIn("conseiller");
    const marie = await memberIdOf("marie");
    expect(
      (await b.post(`/api/staff/members/${marie}/send-reset`, { reason: REASON })).status,
    ).toBe(202);
    const mail = await t.waitForMail(DEMO.marie.email as string);
    expect(tokenOf(mail)).toBeTruthy();
    const lea = await memberIdOf("lea");
    const none = await b.post(`/api/staff/members/${lea}/send-reset`, { reason: REASON });
    expect(none.body.error.code).toBe("NO_ADDRESS");
    const luc = await memberIdOf("luc");
    const migrated = await b.post(`/api/staff/members/${luc}/send-reset`, { reason: REASON });
    expect(migrated.body).toEqual({ to: "identifier" });
    expect(tokenOf(await t.waitForMail(DEMO.luc.email as string))).toBeTruthy();
  });

  it("resends and cancels Antoine's pending validation, the old link voided", async () => {
    const antoine = t.browser();
    await antoine.post("/api/login/nir", { nir: DEMO.antoine.nir, password: ESPACE_PASSWORD });
    await antoine.post("/api/migration/email", { email: "antoine.nouveau@example.fr" });
    const pending = await antoine.post("/api/migration/create", {
      email: "antoine.nouveau@example.fr",
      password: STRONG_PASSWORD,
      secretQuestionId: "pet",
      secretAnswer: "Médor",
    });
    expect(pending.status).toBeLessThan(300);
    const first = await t.waitForMail("antoine.nouveau@example.fr");
    const id = await memberIdOf("antoine");
    const b = await signIn("conseiller");
    expect((await b.get(`/api/staff/members/${id}`)).body).toMatchObject({
      state: "validation_pending",
      pending: { email: "antoine.nouveau@example.fr" },
    });
    // No minute to wait for an adviser on the phone with the member.
    const resent = await b.post(`/api/staff/members/${id}/resend-validation`, { reason: REASON });
    expect(resent.status).toBe(202);
    const second = await t.waitForMail(
      "antoine.nouveau@example.fr",
      (m) => tokenOf(m) !== tokenOf(first),
    );
    const old = await t.browser().post("/api/migration/confirm", { token: tokenOf(first) });
    expect(old.body.error.code).toBe("TOKEN_INVALID");

    const cancelled = await b.post(`/api/staff/members/${id}/cancel-pending`, { reason: REASON });
    expect(cancelled.status).toBe(200);
    const late = await t.browser().post("/api/migration/confirm", { token: tokenOf(second) });
    expect(late.body.error.code).toBe("TOKEN_INVALID");
    expect((await b.get(`/api/staff/members/${id}`)).body.pending).toBeNull();
    const nothing = await b.post(`/api/staff/members/${id}/cancel-pending`, { reason: REASON });
    expect(nothing.body.error.code).toBe("NOTHING_PENDING");
  });

  it("lets only a superviseur correct a contact address, and tells the old address", async () => {
    const id = await memberIdOf("marie");
    const conseiller = await signIn("conseiller");
    const refused = await conseiller.post(`/api/staff/members/${id}/contact-email`, {
      email: "marie.nouvelle@example.fr",
      reason: REASON,
    });
    expect(refused.status).toBe(403);
    const superviseur = await signIn("superviseur");
    const done = await superviseur.post(`/api/staff/members/${id}/contact-email`, {
      email: "Marie.Nouvelle@example.fr",
      reason: REASON,
    });
    expect(done.status).toBe(200);
    const notice = await t.waitForMail(DEMO.marie.email as string);
    expect(notice.subject).toBe("Votre adresse email de contact a été modifiée");
    expect(notice.text).toContain("m***@example.fr");
    expect((await superviseur.get(`/api/staff/members/${id}`)).body.contactEmail).toBe(
      "marie.nouvelle@example.fr",
    );
  });

  it("ends every session of the member", async () => {
    const luc = t.browser();
    await luc.post("/api/login/email", { email: DEMO.luc.email, password: CONNECT_PASSWORD });
    expect((await luc.get("/api/session")).body.state).toBe("member");
    const id = await memberIdOf("luc");
    const b = await signIn("conseiller");
    const ended = await b.post(`/api/staff/members/${id}/end-sessions`, { reason: REASON });
    expect(ended.body).toEqual({ ended: 1 });
    expect((await luc.get("/api/session")).body.state).toBe("anonymous");
    expect((await b.get(`/api/staff/members/${id}`)).body.timeline[0]).toMatchObject({
      event: "session.ended",
      channel: "staff",
    });
  });
});

describe("the audit", () => {
  it("records sign-ins, searches and actions with reason and outcome, filters and pages them", async () => {
    const id = await memberIdOf("paul");
    const b = await signIn("conseiller");
    await b.post(`/api/staff/members/${id}/unlock`, { reason: REASON });
    await b.post(`/api/staff/members/${id}/unlock`, { reason: REASON });
    const sup = await signIn("superviseur");
    const forPaul = await sup.get(`/api/staff/audit?member=${id}`);
    expect(forPaul.body.items.map((i: { outcome: string }) => i.outcome)).toEqual([
      "refusé : NOT_LOCKED",
      "espace débloqué",
    ]);
    expect(forPaul.body.items[1]).toMatchObject({
      action: "staff.unlock",
      staff: { email: "conseiller@mgen.example" },
      subject: `espace:${id}`,
      reason: REASON,
    });
    const logins = await sup.get(
      "/api/staff/audit?action=staff.login&staff=conseiller@mgen.example",
    );
    expect(logins.body.items.every((i: { action: string }) => i.action === "staff.login")).toBe(
      true,
    );
    const page = await sup.get("/api/staff/audit?limit=2");
    expect(page.body.items).toHaveLength(2);
    expect(page.body.next).toBeTruthy();
    const nextPage = await sup.get(`/api/staff/audit?limit=2&before=${page.body.next}`);
    expect(nextPage.body.items[0].at <= page.body.items[1].at).toBe(true);
    expect(nextPage.body.items).not.toContainEqual(page.body.items[1]);
  });

  it("exports CSV for a spreadsheet (BOM, ';', header), and audits the export", async () => {
    const sup = await signIn("superviseur");
    const res = await sup.get("/api/staff/audit?format=csv");
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment/);
    // The bytes themselves: a text decoder would drop the BOM.
    const raw = await t.app.request("/api/staff/audit?format=csv", {
      headers: { Cookie: `mgen_staff=${sup.cookie("mgen_staff")}` },
    });
    const bytes = Buffer.from(await raw.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.text.startsWith("date;conseiller;nom;action;sujet;motif;résultat\r\n")).toBe(true);
    expect(res.text).toContain(";superviseur@mgen.example;Dominique Supervision;staff.login;");
    const audit = await sup.get("/api/staff/audit?action=staff.export");
    expect(audit.body.items).toHaveLength(2);
  });
});

describe.each(["sqlite", "postgres"] as const)("the search on %s", (engine) => {
  it("finds by NIR, by address, and by name prefix with accents, case and a birth date", async () => {
    const own = await createTestApp({ engine, now: clock.now });
    try {
      const b = own.browser();
      await b.post("/api/staff/login", {
        email: "conseiller@mgen.example",
        password: DEMO_STAFF_PASSWORD,
      });
      await b.post("/api/staff/login/totp", { code: freshCode() });
      const names = async (q: string) => {
        const res = await b.post("/api/staff/members/search", { q });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return res.body.map((m: { firstName: string }) => m.firstName).sort();
      };
      expect(await names(DEMO.antoine.nir)).toEqual(["Antoine"]);
      expect(await names("famille.bernard@example.fr")).toEqual(["Marc", "Sophie"]);
      expect(await names("LEFÈBVRE")).toEqual(["Léa"]);
      expect(await names("bernard so")).toEqual(["Sophie"]);
      expect(await names("bernard 20/02/1983")).toEqual(["Marc"]);
      expect(await names("bernardo")).toEqual([]);
    } finally {
      await own.close();
    }
  });
});

describe.each(["sqlite", "postgres"] as const)("the staff audit on %s", (engine) => {
  it("is append-only in the database itself: UPDATE and DELETE are refused", async () => {
    const own = await createTestApp({ engine, now: clock.now });
    try {
      const b = own.browser();
      await b.post("/api/staff/login", { email: "conseiller@mgen.example", password: "mauvais" });
      const before = await own.db.all(sql`SELECT * FROM staff_audit`);
      expect(before.length).toBeGreaterThan(0);
      await expect(own.db.run(sql`UPDATE staff_audit SET outcome = 'effacé'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(own.db.run(sql`DELETE FROM staff_audit`)).rejects.toThrow(/append-only/);
      if (engine === "postgres") {
        await expect(own.db.run(sql`TRUNCATE staff_audit`)).rejects.toThrow(/append-only/);
      }
      expect(await own.db.all(sql`SELECT * FROM staff_audit`)).toEqual(before);
    } finally {
      await own.close();
    }
  });
});
