import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { identities, members } from "../db/sqlite/schema";
import {
  type Browser,
  createTestApp,
  DEMO,
  ESPACE_PASSWORD,
  STRONG_PASSWORD,
  type TestApp,
  testClock,
  tokenOf,
} from "../test/harness";

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const NEW_ADDRESS = "antoine.perso@example.org";

async function wizard(nir: string, browser = t.browser()): Promise<Browser> {
  const res = await browser.post("/api/login/nir", { nir, password: ESPACE_PASSWORD });
  expect(res.status).toBe(200);
  return browser;
}

async function pendingOn(nir: string, email: string, browser?: Browser) {
  const b = await wizard(nir, browser);
  await b.post("/api/migration/email", { email });
  const res = await b.post("/api/migration/create", {
    email,
    password: STRONG_PASSWORD,
    secretQuestionId: "book",
    secretAnswer: "Le Petit Prince",
  });
  expect(res.status).toBe(202);
  return b;
}

const validationMail = (to: string) => t.waitForMail(to, (m) => m.subject.startsWith("Validez"));
const confirm = (token: string, browser = t.browser()) =>
  browser.post("/api/migration/confirm", { token });

function memberNamed(firstName: string) {
  return t.database.db.select().from(members).where(eq(members.firstName, firstName)).get();
}

describe("POST /api/migration/create with another address", () => {
  it("answers 202, sends a validation link and migrates nothing yet", async () => {
    t = await createTestApp();
    const browser = await wizard(DEMO.antoine.nir);
    await browser.post("/api/migration/email", { email: NEW_ADDRESS });
    const res = await browser.post("/api/migration/create", {
      email: NEW_ADDRESS,
      password: STRONG_PASSWORD,
      secretQuestionId: "book",
      secretAnswer: "Le Petit Prince",
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      state: "migration",
      step: "pending",
      pendingEmail: NEW_ADDRESS,
      firstName: "Antoine",
    });
    const mail = await validationMail(NEW_ADDRESS);
    expect(mail.text).toContain("Bonjour Antoine");
    expect(mail.links[0]).toMatch(
      /^http:\/\/localhost:3000\/validation-email#token=[A-Za-z0-9_-]{43}$/,
    );
    expect(memberNamed("Antoine")?.identityId).toBeNull();
    expect(
      t.database.db.select().from(identities).where(eq(identities.email, NEW_ADDRESS)).get(),
    ).toBeUndefined();
    // The NIR still signs in, and comes back to the pending step.
    await browser.post("/api/logout");
    const again = await t
      .browser()
      .post("/api/login/nir", { nir: DEMO.antoine.nir, password: ESPACE_PASSWORD });
    expect(again.body).toMatchObject({ step: "pending", pendingEmail: NEW_ADDRESS });
  });
});

describe("POST /api/migration/confirm", () => {
  it("in the wizard's browser: migrates and signs in, and tells the old contact address", async () => {
    t = await createTestApp();
    const browser = await pendingOn(DEMO.antoine.nir, NEW_ADDRESS);
    const wizardCookie = browser.cookie("mgen_session");
    const res = await confirm(tokenOf(await validationMail(NEW_ADDRESS)), browser);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ state: "member", firstName: "Antoine", email: NEW_ADDRESS });
    expect(browser.cookie("mgen_session")).not.toBe(wizardCookie);
    expect((await browser.get("/api/me")).body.email).toBe(NEW_ADDRESS);
    const notice = await t.waitForMail(DEMO.antoine.email, (m) =>
      /identifiant de connexion a changé/.test(m.subject),
    );
    expect(notice.text).toContain(NEW_ADDRESS);
    expect(notice.text).toContain("Si vous n'êtes pas à l'origine de ce changement");
    await t.waitForMail(NEW_ADDRESS, (m) => /activé/.test(m.subject));
    const identity = t.database.db
      .select()
      .from(identities)
      .where(eq(identities.email, NEW_ADDRESS))
      .get();
    expect(identity?.validatedAt).not.toBeNull();
    expect(identity?.secretQuestionId).toBe("book");
    expect(memberNamed("Antoine")?.identityId).toBe(identity?.id);
  });

  it("in another browser: migrates without opening a session", async () => {
    t = await createTestApp();
    const wizardBrowser = await pendingOn(DEMO.antoine.nir, NEW_ADDRESS);
    const elsewhere = t.browser();
    const res = await confirm(tokenOf(await validationMail(NEW_ADDRESS)), elsewhere);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ state: "anonymous", validatedEmail: NEW_ADDRESS });
    expect(res.headers.getSetCookie()).toEqual([]);
    expect((await elsewhere.get("/api/session")).body).toEqual({ state: "anonymous" });
    expect((await wizardBrowser.get("/api/session")).body).toEqual({ state: "anonymous" });
    const signIn = await t
      .browser()
      .post("/api/login/email", { email: NEW_ADDRESS, password: STRONG_PASSWORD });
    expect(signIn.status).toBe(200);
    const byNir = await t
      .browser()
      .post("/api/login/nir", { nir: DEMO.antoine.nir, password: ESPACE_PASSWORD });
    expect(byNir.body.error.code).toBe("ALREADY_MIGRATED");
  });

  it("takes a link once: used, unknown and expired links are TOKEN_INVALID", async () => {
    const clock = testClock();
    t = await createTestApp({ now: clock.now });
    await pendingOn(DEMO.antoine.nir, NEW_ADDRESS);
    const token = tokenOf(await validationMail(NEW_ADDRESS));
    expect((await confirm("not-a-real-token")).body.error.code).toBe("TOKEN_INVALID");
    expect((await confirm(token)).status).toBe(200);
    const reused = await confirm(token);
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe("TOKEN_INVALID");

    t.catcher.clear();
    await pendingOn(DEMO.marie.nir, "marie.perso@example.org");
    const late = tokenOf(await validationMail("marie.perso@example.org"));
    clock.advance(24 * 3_600_000);
    expect((await confirm(late)).body.error.code).toBe("TOKEN_INVALID");
    expect(memberNamed("Marie")?.identityId).toBeNull();
  });

  it("needs a token", async () => {
    t = await createTestApp();
    const res = await t.browser().post("/api/migration/confirm", {});
    expect(res.status).toBe(400);
    expect(res.body.error.fields.token).toBeTruthy();
  });

  it("answers EMAIL_TAKEN when another Espace validated the address first, and goes back to step 1", async () => {
    t = await createTestApp();
    const antoine = await pendingOn(DEMO.antoine.nir, NEW_ADDRESS);
    const antoineToken = tokenOf(await validationMail(NEW_ADDRESS));
    t.catcher.clear();
    await pendingOn(DEMO.marie.nir, NEW_ADDRESS);
    expect((await confirm(tokenOf(await validationMail(NEW_ADDRESS)))).status).toBe(200);
    const late = await confirm(antoineToken, antoine);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("EMAIL_TAKEN");
    expect(late.body.error.message).toContain("validée par un autre Espace");
    expect((await antoine.get("/api/migration")).body).toMatchObject({ step: "email" });
    expect(memberNamed("Antoine")?.identityId).toBeNull();
  });

  it("lets exactly one of three Espaces pending on one address win, in parallel", async () => {
    t = await createTestApp();
    const tokens: string[] = [];
    for (const nir of [DEMO.antoine.nir, DEMO.marie.nir, DEMO.lea.nir]) {
      t.catcher.clear();
      await pendingOn(nir, NEW_ADDRESS);
      tokens.push(tokenOf(await validationMail(NEW_ADDRESS)));
    }
    const results = await Promise.all(tokens.map((token) => confirm(token)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(
      results.filter((r) => r.status === 409).every((r) => r.body.error.code === "EMAIL_TAKEN"),
    ).toBe(true);
    const linked = t.database.db
      .select()
      .from(identities)
      .where(eq(identities.email, NEW_ADDRESS))
      .all();
    expect(linked).toHaveLength(1);
    const owners = t.database.db
      .select()
      .from(members)
      .where(eq(members.identityId, linked[0]?.id ?? -1))
      .all();
    expect(owners).toHaveLength(1);
  });

  it("redeems one link once when it is opened 20 times at once", async () => {
    t = await createTestApp();
    await pendingOn(DEMO.antoine.nir, NEW_ADDRESS);
    const token = tokenOf(await validationMail(NEW_ADDRESS));
    const results = await Promise.all(Array.from({ length: 20 }, () => confirm(token)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(19);
    expect(statuses.some((s) => s >= 500)).toBe(false);
  });
});

describe("POST /api/migration/resend", () => {
  it("sends a new link that voids the old one, at most once a minute", async () => {
    const clock = testClock();
    t = await createTestApp({ now: clock.now });
    const browser = await pendingOn(DEMO.antoine.nir, NEW_ADDRESS);
    const first = tokenOf(await validationMail(NEW_ADDRESS));

    const tooSoon = await browser.post("/api/migration/resend", {});
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.error.code).toBe("RATE_LIMITED");
    expect(tooSoon.headers.get("retry-after")).toBe("60");

    clock.advance(61_000);
    t.catcher.clear();
    const res = await browser.post("/api/migration/resend", {});
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ step: "pending", pendingEmail: NEW_ADDRESS });
    const second = tokenOf(await validationMail(NEW_ADDRESS));
    expect(second).not.toBe(first);
    expect((await confirm(first)).body.error.code).toBe("TOKEN_INVALID");
    expect((await confirm(second, browser)).status).toBe(200);
  });

  it("stops at 5 validation emails an hour", async () => {
    const clock = testClock();
    t = await createTestApp({ now: clock.now });
    const browser = await pendingOn(DEMO.antoine.nir, NEW_ADDRESS);
    for (let i = 0; i < 4; i++) {
      clock.advance(61_000);
      expect((await browser.post("/api/migration/resend", {})).status).toBe(202);
    }
    clock.advance(61_000);
    const sixth = await browser.post("/api/migration/resend", {});
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(60 * 50);
  });

  it("needs a pending validation and a NIR session", async () => {
    t = await createTestApp();
    expect((await t.browser().post("/api/migration/resend", {})).status).toBe(401);
    const browser = await wizard(DEMO.marie.nir);
    const res = await browser.post("/api/migration/resend", {});
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
  });

  it("answers EMAIL_TAKEN when the address became another Espace's identifier", async () => {
    const clock = testClock();
    t = await createTestApp({ now: clock.now });
    const antoine = await pendingOn(DEMO.antoine.nir, NEW_ADDRESS);
    await validationMail(NEW_ADDRESS);
    t.catcher.clear();
    await pendingOn(DEMO.marie.nir, NEW_ADDRESS);
    await confirm(tokenOf(await validationMail(NEW_ADDRESS)));
    clock.advance(61_000);
    const res = await antoine.post("/api/migration/resend", {});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("EMAIL_TAKEN");
    expect((await antoine.get("/api/migration")).body.step).toBe("email");
  });
});

describe("Modifier l'adresse", () => {
  it("choosing an address again abandons the pending validation and its link", async () => {
    t = await createTestApp();
    const browser = await pendingOn(DEMO.antoine.nir, NEW_ADDRESS);
    const token = tokenOf(await validationMail(NEW_ADDRESS));
    const res = await browser.post("/api/migration/email", { email: DEMO.antoine.email });
    expect(res.body).toEqual({ next: "create" });
    expect((await browser.get("/api/migration")).body).toMatchObject({
      step: "security",
      proposedEmail: DEMO.antoine.email,
    });
    expect((await confirm(token)).body.error.code).toBe("TOKEN_INVALID");
  });
});
