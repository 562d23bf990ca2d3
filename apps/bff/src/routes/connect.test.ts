import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerAttempts, identities } from "../db/sqlite/schema";
import {
  CONNECT_PASSWORD,
  createTestApp,
  DEMO,
  STRONG_PASSWORD,
  type TestApp,
  testClock,
  tokenOf,
} from "../test/harness";

const DAY = 24 * 3_600_000;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const forgot = (email: string) => t.browser().post("/api/connect/forgot-password", { email });
const inspect = (token: string) =>
  t.browser().post("/api/connect/reset-password/inspect", { token });
const reset = (body: Record<string, string>) =>
  t.browser().post("/api/connect/reset-password", body);
const identity = (email: string) =>
  t.database.db.select().from(identities).where(eq(identities.email, email)).get();

async function resetToken(email: string): Promise<string> {
  expect((await forgot(email)).status).toBe(202);
  return tokenOf(await t.waitForMail(email, (m) => /Réinitialisez/.test(m.subject)));
}

describe("POST /api/connect/forgot-password", () => {
  it("answers the same whatever the address, and mails only an identity", async () => {
    const known = await forgot(DEMO.luc.email);
    const unknown = await forgot("personne@example.fr");
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.text).toBe(unknown.text);
    expect(known.body.message).toContain("Si cette adresse correspond");
    const mail = await t.waitForMail(DEMO.luc.email);
    expect(mail.links[0]).toMatch(/^http:\/\/localhost:3000\/connect\/reinitialisation#token=/);
    await t.dispatcher.runOnce();
    expect(t.catcher.list("personne@example.fr")).toEqual([]);
  });

  it("sends at most one link a minute to an identity", async () => {
    await forgot(DEMO.luc.email);
    await forgot(DEMO.luc.email);
    await t.waitForMail(DEMO.luc.email);
    await t.dispatcher.runOnce();
    expect(t.catcher.list(DEMO.luc.email)).toHaveLength(1);
  });

  it("refuses a malformed address", async () => {
    const res = await forgot("pas-une-adresse");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
  });
});

describe("POST /api/connect/reset-password/inspect", () => {
  it("gives the identity's secret question, or null", async () => {
    expect((await inspect(await resetToken(DEMO.luc.email))).body).toEqual({
      secretQuestion: "Quel était le nom de votre premier animal de compagnie ?",
    });
    expect((await inspect(await resetToken(DEMO.jean.email))).body).toEqual({
      secretQuestion: null,
    });
  });

  it("answers TOKEN_INVALID for an unknown link", async () => {
    const res = await inspect("unknown-token");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("TOKEN_INVALID");
  });
});

describe("POST /api/connect/reset-password", () => {
  it("asks the secret answer, compared normalised, and sets the password", async () => {
    const token = await resetToken(DEMO.luc.email);
    const member = t.browser();
    await member.post("/api/login/email", { email: DEMO.luc.email, password: CONNECT_PASSWORD });

    const missing = await reset({ token, password: STRONG_PASSWORD });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.secretAnswer).toBeTruthy();
    const wrong = await reset({ token, password: STRONG_PASSWORD, secretAnswer: "Rex" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("WRONG_SECRET_ANSWER");
    expect(t.database.db.select().from(answerAttempts).all()).toHaveLength(1);

    const ok = await reset({ token, password: STRONG_PASSWORD, secretAnswer: "  MEDOR " });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: "ok", linkedToEspace: true });
    // The right answer did not count; the wrong one stays counted for 24 hours.
    expect(t.database.db.select().from(answerAttempts).all()).toHaveLength(1);
    // Every other session of the account ends; the new password signs in, the old one not.
    expect((await member.get("/api/me")).status).toBe(401);
    expect(
      (
        await t
          .browser()
          .post("/api/login/email", { email: DEMO.luc.email, password: STRONG_PASSWORD })
      ).status,
    ).toBe(200);
    expect(
      (
        await t
          .browser()
          .post("/api/login/email", { email: DEMO.luc.email, password: CONNECT_PASSWORD })
      ).status,
    ).toBe(401);
    await t.waitForMail(DEMO.luc.email, (m) => /a été modifié/.test(m.subject));
    // Single use.
    expect(
      (await reset({ token, password: STRONG_PASSWORD, secretAnswer: "Médor" })).body.error.code,
    ).toBe("TOKEN_INVALID");
  });

  it("refuses a weak password with WEAK_PASSWORD", async () => {
    const token = await resetToken(DEMO.jean.email);
    const res = await reset({ token, password: "jean.martin2026" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("WEAK_PASSWORD");
    expect(res.body.error.fields.password).toContain("votre");
  });

  it("unlocks Hugo and validates Emma: the link proved the address", async () => {
    const hugo = await resetToken(DEMO.hugo.email);
    expect((await reset({ token: hugo, password: STRONG_PASSWORD })).status).toBe(200);
    expect(identity(DEMO.hugo.email)).toMatchObject({ lockedAt: null, failedAttempts: 0 });

    const emma = await resetToken(DEMO.emma.email);
    expect(identity(DEMO.emma.email)?.validatedAt).toBeNull();
    expect((await reset({ token: emma, password: STRONG_PASSWORD })).body).toEqual({
      status: "ok",
      linkedToEspace: false,
    });
    expect(identity(DEMO.emma.email)?.validatedAt).not.toBeNull();
    // Emma's identity is still linked to no Espace: she now links it from the wizard.
    const signIn = await t
      .browser()
      .post("/api/login/email", { email: DEMO.emma.email, password: STRONG_PASSWORD });
    expect(signIn.body.error.code).toBe("IDENTITY_NOT_LINKED");
  });

  it("checks at most 5 wrong answers per identity in 24 hours, whatever the links asked", async () => {
    await t.close();
    // Emails are timed by the real clock: the test's clock stays in the past.
    const clock = testClock(Date.now() - 3 * DAY);
    t = await createTestApp({ now: clock.now });
    const wrongAnswer = async () => {
      t.catcher.clear();
      const token = await resetToken(DEMO.luc.email);
      clock.advance(61_000); // a new link may be asked for once a minute
      return reset({ token, password: STRONG_PASSWORD, secretAnswer: "rex" });
    };
    for (let left = 4; left >= 1; left--) {
      const wrong = await wrongAnswer();
      expect(wrong.body.error.code).toBe("WRONG_SECRET_ANSWER");
      expect(wrong.body.error.message).toContain(`Il vous reste ${left} essai`);
    }
    const fifth = await wrongAnswer();
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe("ACCOUNT_LOCKED");
    expect(fifth.body.error.message).toContain("conseiller");
    expect(t.database.db.select().from(answerAttempts).all()).toHaveLength(5);
    // On a new link, even the right answer is not checked now.
    t.catcher.clear();
    const next = await resetToken(DEMO.luc.email);
    const right = await reset({ token: next, password: STRONG_PASSWORD, secretAnswer: "Médor" });
    expect(right.status).toBe(423);
    expect(t.database.db.select().from(answerAttempts).all()).toHaveLength(5);
    // The answers' lock is not the password's: Luc still signs in by email.
    expect(identity(DEMO.luc.email)).toMatchObject({ lockedAt: null, failedAttempts: 0 });
    expect(
      (
        await t
          .browser()
          .post("/api/login/email", { email: DEMO.luc.email, password: CONNECT_PASSWORD })
      ).status,
    ).toBe(200);
    // 24 hours after the first wrong answer, answers are checked again.
    clock.advance(DAY);
    t.catcher.clear();
    const fresh = await resetToken(DEMO.luc.email);
    expect(
      (await reset({ token: fresh, password: STRONG_PASSWORD, secretAnswer: "Médor" })).status,
    ).toBe(200);
  });

  it("redeems one link once when it is submitted 20 times at once", async () => {
    const token = await resetToken(DEMO.jean.email);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => reset({ token, password: STRONG_PASSWORD })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(
      results.filter((r) => r.status === 400).every((r) => r.body.error.code === "TOKEN_INVALID"),
    ).toBe(true);
    expect(statuses.some((s) => s >= 500)).toBe(false);
  });

  it("answers TOKEN_INVALID for an expired or unknown link", async () => {
    expect((await reset({ token: "nope", password: STRONG_PASSWORD })).body.error.code).toBe(
      "TOKEN_INVALID",
    );
  });
});
