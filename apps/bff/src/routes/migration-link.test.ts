import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { identities, members } from "../db/sqlite/schema";
import {
  type Browser,
  CONNECT_PASSWORD,
  createTestApp,
  DEMO,
  ESPACE_PASSWORD,
  type TestApp,
} from "../test/harness";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function atLinkStep(nir: string, email: string): Promise<Browser> {
  const browser = t.browser();
  await browser.post("/api/login/nir", { nir, password: ESPACE_PASSWORD });
  const step = await browser.post("/api/migration/email", { email });
  expect(step.body).toEqual({ next: "link" });
  return browser;
}

const link = (browser: Browser, email: string, password: string) =>
  browser.post("/api/migration/link", { email, password });
const identity = (email: string) =>
  t.database.db.select().from(identities).where(eq(identities.email, email)).get();
const resetMails = (to: string) =>
  t.catcher
    .list(to)
    .filter((m) => m.links.some((l) => l.includes("/connect/reinitialisation#token=")));

describe("POST /api/migration/link", () => {
  it("needs a NIR session", async () => {
    const res = await link(t.browser(), DEMO.jean.email, CONNECT_PASSWORD);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("links Jean's identity with its own password, which it keeps", async () => {
    const browser = await atLinkStep(DEMO.jean.nir, DEMO.jean.email);
    const res = await link(browser, DEMO.jean.email, CONNECT_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ state: "member", firstName: "Jean", email: DEMO.jean.email });
    expect((await browser.get("/api/me")).body.email).toBe(DEMO.jean.email);
    const jean = t.database.db.select().from(members).where(eq(members.firstName, "Jean")).get();
    expect(jean?.identityId).toBe(identity(DEMO.jean.email)?.id);
    await t.waitForMail(DEMO.jean.email, (m) => /activé/.test(m.subject));
    // Same address as the contact email: no "identifier changed" notice.
    expect(t.catcher.list(DEMO.jean.email).some((m) => /a changé/.test(m.subject))).toBe(false);
    expect(
      (
        await t
          .browser()
          .post("/api/login/email", { email: DEMO.jean.email, password: CONNECT_PASSWORD })
      ).status,
    ).toBe(200);
  });

  it("refuses a wrong password and locks the identity at the fifth, sending a reset link", async () => {
    const browser = await atLinkStep(DEMO.jean.nir, DEMO.jean.email);
    for (let i = 0; i < 4; i++) {
      const res = await link(browser, DEMO.jean.email, "wrong-password");
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("INVALID_CREDENTIALS");
      expect(res.body.error.message).toContain("5 erreurs");
    }
    const fifth = await link(browser, DEMO.jean.email, "wrong-password");
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe("IDENTITY_LOCKED");
    expect(identity(DEMO.jean.email)?.lockedAt).not.toBeNull();
    const mail = await t.waitForMail(DEMO.jean.email, (m) => /bloqué/.test(m.subject));
    expect(mail.links[0]).toMatch(/\/connect\/reinitialisation#token=/);
    expect((await link(browser, DEMO.jean.email, CONNECT_PASSWORD)).status).toBe(423);
  });

  it("refuses Emma's unvalidated identity with IDENTITY_NOT_VALIDATED and emails a reset link", async () => {
    const browser = await atLinkStep(DEMO.emma.nir, DEMO.emma.email);
    const res = await link(browser, DEMO.emma.email, CONNECT_PASSWORD);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("IDENTITY_NOT_VALIDATED");
    const mail = await t.waitForMail(DEMO.emma.email);
    expect(mail.subject).toBe("Réinitialisez votre mot de passe MGEN Connect");
    expect(mail.text).toContain("validera aussi votre adresse");
    const emma = t.database.db.select().from(members).where(eq(members.firstName, "Emma")).get();
    expect(emma?.identityId).toBeNull();
  });

  it("refuses Hugo's locked identity with IDENTITY_LOCKED and emails a reset link, not twice in a row", async () => {
    const browser = await atLinkStep(DEMO.hugo.nir, DEMO.hugo.email);
    const res = await link(browser, DEMO.hugo.email, CONNECT_PASSWORD);
    expect(res.status).toBe(423);
    expect(res.body.error.code).toBe("IDENTITY_LOCKED");
    await t.waitForMail(DEMO.hugo.email, (m) => /bloqué/.test(m.subject));
    expect((await link(browser, DEMO.hugo.email, CONNECT_PASSWORD)).status).toBe(423);
    await t.dispatcher.runOnce();
    expect(resetMails(DEMO.hugo.email)).toHaveLength(1);
  });

  it("refuses another Espace's identifier with EMAIL_TAKEN at step 1, and links nothing", async () => {
    const browser = t.browser();
    await browser.post("/api/login/nir", { nir: DEMO.sophie.nir, password: ESPACE_PASSWORD });
    const step = await browser.post("/api/migration/email", { email: DEMO.marc.email });
    expect(step.status).toBe(409);
    expect(step.body.error.code).toBe("EMAIL_TAKEN");
    const res = await link(browser, DEMO.marc.email, CONNECT_PASSWORD);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
  });

  it("links the address chosen at step 1 only: another one is refused before any password is checked", async () => {
    const browser = await atLinkStep(DEMO.jean.nir, DEMO.jean.email);
    for (const email of ["personne@example.fr", DEMO.emma.email]) {
      const res = await link(browser, email, CONNECT_PASSWORD);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_ERROR");
    }
    expect(identity(DEMO.emma.email)?.failedAttempts).toBe(0);
  });

  it("links one identity to one Espace when two Espaces race for it", async () => {
    const jean = await atLinkStep(DEMO.jean.nir, DEMO.jean.email);
    const marie = await atLinkStep(DEMO.marie.nir, DEMO.jean.email);
    const results = await Promise.all([
      link(jean, DEMO.jean.email, CONNECT_PASSWORD),
      link(marie, DEMO.jean.email, CONNECT_PASSWORD),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const owners = t.database.db
      .select()
      .from(members)
      .where(eq(members.identityId, identity(DEMO.jean.email)?.id ?? -1))
      .all();
    expect(owners).toHaveLength(1);
  });
});

describe("email sign-in refusals send the way out", () => {
  it("emails Emma a reset link when she signs in unvalidated", async () => {
    const res = await t
      .browser()
      .post("/api/login/email", { email: DEMO.emma.email, password: CONNECT_PASSWORD });
    expect(res.body.error.code).toBe("IDENTITY_NOT_VALIDATED");
    expect(res.body.error.message).toContain("vient de vous être envoyé");
    await t.waitForMail(DEMO.emma.email, (m) => /Réinitialisez/.test(m.subject));
  });

  it("emails a reset link when five failures lock an identity", async () => {
    for (let i = 0; i < 5; i++) {
      await t.browser().post("/api/login/email", { email: DEMO.luc.email, password: "wrong" });
    }
    const mail = await t.waitForMail(DEMO.luc.email, (m) => /bloqué/.test(m.subject));
    expect(mail.text).toContain("plusieurs erreurs de saisie");
  });
});
