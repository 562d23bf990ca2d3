import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { identities, members } from "../db/sqlite/schema";
import { findMemberByNir } from "../domain/accounts";
import {
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

const loginNir = (nir: string, password: string, browser = t.browser()) =>
  browser.post("/api/login/nir", { nir, password });
const loginEmail = (email: string, password: string, browser = t.browser()) =>
  browser.post("/api/login/email", { email, password });

function memberRow(nir: string) {
  return findMemberByNir(t.ctx, nir.replaceAll(" ", ""));
}

describe("a stored hash the library cannot read", () => {
  it("fails closed: a corrupted hash is a wrong password, never an error or a way in", async () => {
    const member = await memberRow(DEMO.marie.nir);
    t.database.db
      .update(members)
      .set({ passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$corrompu" })
      .where(eq(members.id, member?.id ?? -1))
      .run();
    for (const password of [ESPACE_PASSWORD, "", "$argon2id$v=19$m=19456,t=2,p=1$corrompu"]) {
      const res = await loginNir(DEMO.marie.nir, password || "x");
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("INVALID_CREDENTIALS");
    }
  });
});

describe("POST /api/login/nir", () => {
  it("opens the migration wizard for a member ready to migrate", async () => {
    const browser = t.browser();
    const res = await loginNir(DEMO.marie.nir, ESPACE_PASSWORD, browser);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      state: "migration",
      firstName: "Marie",
      step: "email",
      proposedEmail: "marie.dupont@example.fr",
      contactEmailTaken: false,
    });
    const cookie = res.headers.getSetCookie()[0] ?? "";
    expect(cookie).toMatch(/^mgen_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await browser.get("/api/session")).body.state).toBe("migration");
  });

  it("takes the NIR with or without separators, and Corsican 2A in any case", async () => {
    expect((await loginNir("290086912304511", ESPACE_PASSWORD)).status).toBe(200);
    expect((await loginNir("2.90.08.69.123.045.11", ESPACE_PASSWORD)).status).toBe(200);
    const antoine = await loginNir("1 85 02 2a 004 025 09", ESPACE_PASSWORD);
    expect(antoine.status).toBe(200);
    expect(antoine.body.firstName).toBe("Antoine");
  });

  it("refuses a wrong key before any look-up, on the nir field", async () => {
    const res = await loginNir("2 90 08 69 123 045 12", ESPACE_PASSWORD);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.fields.nir).toBe(
      "La clé de contrôle ne correspond pas : vérifiez votre numéro.",
    );
    expect(res.text).not.toContain("290086912304512");
  });

  it("gives one answer for an unknown NIR and a wrong password", async () => {
    const unknown = await loginNir("1 99 01 75 001 001 " + "00", ESPACE_PASSWORD);
    expect(unknown.status).toBe(400); // wrong key: caught as a typing error
    const valid = "1990175001001";
    const key = String(97 - (Number(valid) % 97)).padStart(2, "0");
    const unknownValid = await loginNir(valid + key, ESPACE_PASSWORD);
    const wrong = await loginNir(DEMO.marie.nir, "Not-the-password-2026");
    expect(unknownValid.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknownValid.text).toBe(wrong.text);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it("answers ACCOUNT_LOCKED for Paul, even with the right password", async () => {
    const res = await loginNir(DEMO.paul.nir, ESPACE_PASSWORD);
    expect(res.status).toBe(423);
    expect(res.body.error.code).toBe("ACCOUNT_LOCKED");
    expect(res.body.error.message).toContain("Votre compte est bloqué");
  });

  it("answers ALREADY_MIGRATED to the holder of the old password, without the address", async () => {
    const res = await loginNir(DEMO.luc.nir, ESPACE_PASSWORD);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("ALREADY_MIGRATED");
    expect(res.text).not.toContain("luc.robert");
    expect(res.headers.getSetCookie()).toEqual([]);
    // A wrong password does not reveal that the Espace exists and has migrated.
    const wrong = await loginNir(DEMO.luc.nir, "Not-the-password-2026");
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
  });

  it("answers NO_PASSWORD for Claire, who never created one", async () => {
    const res = await loginNir(DEMO.claire.nir, "anything-at-all");
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("NO_PASSWORD");
    expect(res.body.error.message).toContain("Vous n'avez pas créé de mot de passe");
  });

  it("locks after 5 consecutive failures; a success in between resets the count", async () => {
    for (let i = 0; i < 4; i++) expect((await loginNir(DEMO.marie.nir, "wrong")).status).toBe(401);
    expect((await loginNir(DEMO.marie.nir, ESPACE_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await loginNir(DEMO.marie.nir, "wrong")).status).toBe(401);
    expect((await memberRow(DEMO.marie.nir))?.lockedAt).toBeNull();
    const fifth = await loginNir(DEMO.marie.nir, "wrong");
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe("ACCOUNT_LOCKED");
    expect((await loginNir(DEMO.marie.nir, ESPACE_PASSWORD)).status).toBe(423);
  });

  it("checks at most 5 of 20 parallel wrong passwords, locks, then refuses the right password", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => loginNir(DEMO.antoine.nir, "wrong-password")),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 423)).toHaveLength(16);
    // Each attempt was reserved before its password was checked: a sixth never was.
    expect((await memberRow(DEMO.antoine.nir))?.failedAttempts).toBe(5);
    expect((await loginNir(DEMO.antoine.nir, ESPACE_PASSWORD)).status).toBe(423);
  });

  it("gives each sign-in a new session id and ends the browser's previous one", async () => {
    const browser = t.browser();
    await loginNir(DEMO.marie.nir, ESPACE_PASSWORD, browser);
    const first = browser.clone();
    await loginNir(DEMO.marie.nir, ESPACE_PASSWORD, browser);
    expect(browser.cookie("mgen_session")).not.toBe(first.cookie("mgen_session"));
    expect((await first.get("/api/session")).body).toEqual({ state: "anonymous" });
    expect((await browser.get("/api/session")).body.state).toBe("migration");
  });
});

describe("POST /api/login/email", () => {
  it("signs a migrated member in, whatever the case of the address", async () => {
    const browser = t.browser();
    const res = await loginEmail("  Luc.Robert@Example.FR ", CONNECT_PASSWORD, browser);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ state: "member", firstName: "Luc", email: "luc.robert@example.fr" });
    const me = await browser.get("/api/me");
    expect(me.body).toMatchObject({
      firstName: "Luc",
      lastName: "Robert",
      email: "luc.robert@example.fr",
    });
  });

  it("gives one answer for an unknown address and a wrong password", async () => {
    const unknown = await loginEmail("personne@example.fr", CONNECT_PASSWORD);
    const wrong = await loginEmail(DEMO.luc.email, "Not-the-password");
    expect(unknown.status).toBe(401);
    expect(unknown.text).toBe(wrong.text);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
  });

  it("answers IDENTITY_LOCKED for Hugo, even with the right password", async () => {
    const res = await loginEmail(DEMO.hugo.email, CONNECT_PASSWORD);
    expect(res.status).toBe(423);
    expect(res.body.error.code).toBe("IDENTITY_LOCKED");
  });

  it("answers IDENTITY_NOT_VALIDATED for Emma, only with the right password", async () => {
    const res = await loginEmail(DEMO.emma.email, CONNECT_PASSWORD);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("IDENTITY_NOT_VALIDATED");
    expect((await loginEmail(DEMO.emma.email, "wrong")).body.error.code).toBe(
      "INVALID_CREDENTIALS",
    );
  });

  it("answers IDENTITY_NOT_LINKED for Jean, whose identity has no Espace", async () => {
    const res = await loginEmail(DEMO.jean.email, CONNECT_PASSWORD);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("IDENTITY_NOT_LINKED");
    expect(res.body.error.message).toContain(
      "Connectez-vous une première fois avec votre numéro de sécurité sociale",
    );
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("locks the identity after 5 consecutive failures", async () => {
    for (let i = 0; i < 4; i++)
      expect((await loginEmail(DEMO.luc.email, "wrong")).status).toBe(401);
    expect((await loginEmail(DEMO.luc.email, CONNECT_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++)
      expect((await loginEmail(DEMO.luc.email, "wrong")).status).toBe(401);
    expect((await loginEmail(DEMO.luc.email, "wrong")).body.error.code).toBe("IDENTITY_LOCKED");
    expect((await loginEmail(DEMO.luc.email, CONNECT_PASSWORD)).status).toBe(423);
    const row = t.database.db
      .select()
      .from(identities)
      .where(eq(identities.email, DEMO.luc.email))
      .get();
    expect(row?.failedAttempts).toBe(5);
    expect(row?.lockedAt).not.toBeNull();
  });

  it("refuses a malformed address with VALIDATION_ERROR on the email field", async () => {
    const res = await loginEmail("luc.robert@", CONNECT_PASSWORD);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.email).toBeTruthy();
  });
});
