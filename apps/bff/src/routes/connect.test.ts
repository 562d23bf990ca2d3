import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { identities } from "../db/schema";
import {
  CONNECT_PASSWORD,
  createTestApp,
  DEMO,
  STRONG_PASSWORD,
  type TestApp,
  tokenOf,
} from "../test/harness";

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
    expect(mail.links[0]).toMatch(/^http:\/\/localhost:3000\/connect\/reinitialisation\?token=/);
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
    expect(identity(DEMO.luc.email)?.failedAttempts).toBe(1);

    const ok = await reset({ token, password: STRONG_PASSWORD, secretAnswer: "  MEDOR " });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: "ok", linkedToEspace: true });
    expect(identity(DEMO.luc.email)?.failedAttempts).toBe(0);
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

  it("locks after 5 wrong answers, which voids the link and sends a new one", async () => {
    const token = await resetToken(DEMO.luc.email);
    for (let i = 0; i < 4; i++) {
      expect(
        (await reset({ token, password: STRONG_PASSWORD, secretAnswer: "rex" })).body.error.code,
      ).toBe("WRONG_SECRET_ANSWER");
    }
    const fifth = await reset({ token, password: STRONG_PASSWORD, secretAnswer: "rex" });
    expect(fifth.body.error.code).toBe("WRONG_SECRET_ANSWER");
    expect(fifth.body.error.message).toContain("bloqué");
    expect(identity(DEMO.luc.email)?.lockedAt).not.toBeNull();
    expect(
      (await reset({ token, password: STRONG_PASSWORD, secretAnswer: "Médor" })).body.error.code,
    ).toBe("TOKEN_INVALID");
    const fresh = tokenOf(await t.waitForMail(DEMO.luc.email, (m) => /bloqué/.test(m.subject)));
    // A wrong answer on the locked identity voids that link too, and sends none by itself.
    const again = await reset({ token: fresh, password: STRONG_PASSWORD, secretAnswer: "rex" });
    expect(again.body.error.message).toContain("demandez un nouveau lien");
    expect(
      (await reset({ token: fresh, password: STRONG_PASSWORD, secretAnswer: "Médor" })).body.error
        .code,
    ).toBe("TOKEN_INVALID");
    await t.dispatcher.runOnce();
    expect(t.catcher.list(DEMO.luc.email).filter((m) => /bloqué/.test(m.subject))).toHaveLength(1);
    t.catcher.clear();
    const asked = await resetToken(DEMO.luc.email);
    expect(
      (await reset({ token: asked, password: STRONG_PASSWORD, secretAnswer: "Médor" })).status,
    ).toBe(200);
    expect(identity(DEMO.luc.email)).toMatchObject({ lockedAt: null, failedAttempts: 0 });
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
