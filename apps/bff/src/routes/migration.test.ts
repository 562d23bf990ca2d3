import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { identities, members, outbox } from "../db/sqlite/schema";
import {
  type Browser,
  createTestApp,
  DEMO,
  ESPACE_PASSWORD,
  STRONG_PASSWORD,
  type TestApp,
} from "../test/harness";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function wizard(nir: string): Promise<Browser> {
  const browser = t.browser();
  const res = await browser.post("/api/login/nir", { nir, password: ESPACE_PASSWORD });
  expect(res.status).toBe(200);
  return browser;
}

/** Step 1 then step 2: the address is chosen before the identity is created with it. */
async function create(browser: Browser, email: string, password = STRONG_PASSWORD) {
  const chosen = await browser.post("/api/migration/email", { email });
  if (chosen.status !== 200) return chosen;
  return createOnly(browser, email, password);
}

const createOnly = (browser: Browser, email: string, password = STRONG_PASSWORD) =>
  browser.post("/api/migration/create", {
    email,
    password,
    secretQuestionId: "pet",
    secretAnswer: "Rex",
  });

describe("the wizard needs a NIR session", () => {
  it.each([
    ["GET", "/api/migration", undefined],
    ["POST", "/api/migration/email", { email: "a@b.fr" }],
    [
      "POST",
      "/api/migration/create",
      { email: "a@b.fr", password: "x", secretQuestionId: "pet", secretAnswer: "Rex" },
    ],
  ])("%s %s answers UNAUTHENTICATED without one", async (method, path, body) => {
    const res = await t.browser().request(method, path, body);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("and a member session is not one", async () => {
    const browser = t.browser();
    await browser.post("/api/login/email", {
      email: DEMO.luc.email,
      password: "Demo-Connect-2026",
    });
    expect((await browser.get("/api/migration")).status).toBe(401);
  });
});

describe("GET /api/migration", () => {
  it("proposes the contact email when it is free", async () => {
    const res = await (await wizard(DEMO.marie.nir)).get("/api/migration");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: "migration",
      step: "email",
      proposedEmail: DEMO.marie.email,
    });
  });

  it("proposes nothing when the contact email is another Espace's identifier, and says so", async () => {
    const res = await (await wizard(DEMO.sophie.nir)).get("/api/migration");
    expect(res.body).toMatchObject({ step: "email", proposedEmail: null, contactEmailTaken: true });
  });

  it("proposes nothing for Léa, who has no contact email", async () => {
    const res = await (await wizard(DEMO.lea.nir)).get("/api/migration");
    expect(res.body).toMatchObject({
      step: "email",
      proposedEmail: null,
      contactEmailTaken: false,
    });
  });
});

describe("POST /api/migration/email", () => {
  it("goes on to create for a free address, and remembers it", async () => {
    const browser = await wizard(DEMO.marie.nir);
    const res = await browser.post("/api/migration/email", { email: " Marie.Dupont@Example.fr " });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ next: "create" });
    expect((await browser.get("/api/migration")).body).toMatchObject({
      step: "security",
      proposedEmail: DEMO.marie.email,
    });
  });

  it("goes on to link for an identity linked to no Espace", async () => {
    const browser = await wizard(DEMO.jean.nir);
    const res = await browser.post("/api/migration/email", { email: DEMO.jean.email });
    expect(res.body).toEqual({ next: "link" });
    expect((await browser.get("/api/migration")).body.step).toBe("link");
  });

  it("refuses another Espace's identifier with EMAIL_TAKEN", async () => {
    const browser = await wizard(DEMO.sophie.nir);
    const res = await browser.post("/api/migration/email", { email: "FAMILLE.bernard@example.fr" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("EMAIL_TAKEN");
    expect(res.body.error.message).toBe(
      "Cette adresse email est déjà utilisée comme identifiant d'un autre Espace personnel.",
    );
    expect((await browser.get("/api/migration")).body.step).toBe("email");
  });

  it.each([["pas-une-adresse"], [""], [42]])("refuses %j with VALIDATION_ERROR", async (email) => {
    const browser = await wizard(DEMO.marie.nir);
    const res = await browser.post("/api/migration/email", { email });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.fields.email).toBeTruthy();
  });
});

describe("POST /api/migration/create with the contact email", () => {
  it("migrates at once, upgrades the session and sends the confirmation", async () => {
    const browser = await wizard(DEMO.marie.nir);
    const wizardSession = browser.clone();
    await browser.post("/api/migration/email", { email: DEMO.marie.email });
    const res = await create(browser, DEMO.marie.email);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ state: "member", firstName: "Marie", email: DEMO.marie.email });

    // A new session id for the new privilege; the wizard's one is over.
    expect(browser.cookie("mgen_session")).not.toBe(wizardSession.cookie("mgen_session"));
    expect((await wizardSession.get("/api/session")).body).toEqual({ state: "anonymous" });
    expect((await browser.get("/api/session")).body).toEqual({
      state: "member",
      firstName: "Marie",
      email: DEMO.marie.email,
    });
    const me = await browser.get("/api/me");
    expect(me.body).toMatchObject({
      firstName: "Marie",
      lastName: "Dupont",
      email: DEMO.marie.email,
    });
    expect(Number.isNaN(Date.parse(me.body.migratedAt))).toBe(false);

    const mail = await t.waitForMail(DEMO.marie.email);
    expect(mail.subject).toBe("Votre identifiant MGEN Connect est activé");
    expect(mail.text).toContain("Bonjour Marie");
    expect(mail.links).toContain("http://localhost:3000/connexion");

    // The NIR no longer signs in; the email does, with the new password.
    const byNir = await t
      .browser()
      .post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD });
    expect(byNir.body.error.code).toBe("ALREADY_MIGRATED");
    const byEmail = await t
      .browser()
      .post("/api/login/email", { email: DEMO.marie.email, password: STRONG_PASSWORD });
    expect(byEmail.status).toBe(200);
  });

  it("stores the identity validated, with argon2id hashes and the normalised answer", async () => {
    const browser = await wizard(DEMO.antoine.nir);
    await browser.post("/api/migration/email", { email: DEMO.antoine.email });
    await browser.post("/api/migration/create", {
      email: DEMO.antoine.email,
      password: STRONG_PASSWORD,
      secretQuestionId: "street",
      secretAnswer: "  Rue de la PAIX ",
    });
    const identity = t.database.db
      .select()
      .from(identities)
      .where(eq(identities.email, DEMO.antoine.email))
      .get();
    expect(identity?.validatedAt).not.toBeNull();
    expect(identity?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(identity?.secretAnswerHash).toMatch(/^\$argon2id\$/);
    expect(await t.hasher.verify(identity?.secretAnswerHash ?? "", "rue de la paix")).toBe(true);
    const member = t.database.db
      .select()
      .from(members)
      .where(eq(members.identityId, identity?.id ?? -1))
      .get();
    expect(member?.firstName).toBe("Antoine");
    expect(member?.migratedAt).not.toBeNull();
  });

  it("refuses a weak password with WEAK_PASSWORD and says why, in French", async () => {
    const browser = await wizard(DEMO.marie.nir);
    const short = await create(browser, DEMO.marie.email, "court");
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe("WEAK_PASSWORD");
    expect(short.body.error.fields.password).toContain("au moins 12 caractères");
    const personal = await create(browser, DEMO.marie.email, "Dupont velours tournesol 77");
    expect(personal.body.error.fields.password).toContain("votre nom");
    const common = await create(browser, DEMO.marie.email, "azertyuiop123");
    expect(common.body.error.fields.password).toContain("trop facile à deviner");
    expect(
      t.database.db.select().from(identities).where(eq(identities.email, DEMO.marie.email)).get(),
    ).toBeUndefined();
  });

  it("refuses a bad body with VALIDATION_ERROR naming each field", async () => {
    const browser = await wizard(DEMO.marie.nir);
    await browser.post("/api/migration/email", { email: DEMO.marie.email });
    const res = await browser.post("/api/migration/create", {
      email: DEMO.marie.email,
      password: STRONG_PASSWORD,
      secretQuestionId: "city-of-birth",
      secretAnswer: "a",
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(["secretAnswer", "secretQuestionId"]);
  });

  it("refuses another Espace's identifier with EMAIL_TAKEN", async () => {
    const browser = await wizard(DEMO.sophie.nir);
    const res = await create(browser, DEMO.sophie.email);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("EMAIL_TAKEN");
  });

  it("works on the address chosen at step 1 only: another one is refused, and probes nothing", async () => {
    const browser = await wizard(DEMO.antoine.nir);
    expect((await browser.post("/api/migration/email", { email: DEMO.antoine.email })).status).toBe(
      200,
    );
    // Step 2 cannot be used to ask what another address is (taken, linkable or free).
    for (const email of [DEMO.sophie.email, DEMO.jean.email, "libre@example.org"]) {
      const res = await createOnly(browser, email);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_ERROR");
      expect(res.body.error.fields.email).toBeTruthy();
    }
    expect(t.database.db.select().from(identities).all()).toHaveLength(5);
  });

  it("completes once when two tabs of one wizard submit together", async () => {
    const browser = await wizard(DEMO.marie.nir);
    const tabs = [browser, browser.clone(), browser.clone()];
    const results = await Promise.all(tabs.map((tab) => create(tab, DEMO.marie.email)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 401 || s === 409)).toBe(true);
    const identityRows = t.database.db
      .select()
      .from(identities)
      .where(eq(identities.email, DEMO.marie.email))
      .all();
    expect(identityRows).toHaveLength(1);
    await t.waitForMail(DEMO.marie.email);
    await t.dispatcher.runOnce();
    const sent = t.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.recipient, DEMO.marie.email))
      .all();
    expect(sent).toHaveLength(1);
  });

  it("keeps one address for one Espace when two Espaces race for it", async () => {
    // Two Espaces that share a contact email (a couple), both ready to migrate.
    const antoineRow = t.database.db
      .select()
      .from(members)
      .where(eq(members.firstName, "Antoine"))
      .get();
    t.database.db
      .update(members)
      .set({ contactEmail: DEMO.marie.email })
      .where(eq(members.id, antoineRow?.id ?? -1))
      .run();
    const [marie, antoine] = await Promise.all([wizard(DEMO.marie.nir), wizard(DEMO.antoine.nir)]);
    const results = await Promise.all([
      create(marie, DEMO.marie.email),
      create(antoine, DEMO.marie.email),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.error.code).toBe("EMAIL_TAKEN");
    const linked = t.database.db
      .select()
      .from(members)
      .all()
      .filter((m) => m.migratedAt !== null);
    expect(linked).toHaveLength(3); // Marc, Luc and the winner
  });
});
