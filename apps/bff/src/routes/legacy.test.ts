import { afterEach, describe, expect, it } from "vitest";
import {
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

const BIRTH = {
  marie: "1990-08-15",
  paul: "1975-12-24",
  claire: "1966-09-30",
  luc: "1978-02-05",
  lea: "1971-12-08",
  antoine: "1985-02-14",
};

const ask = (path: "forgot-password" | "unlock", nir: string, birthDate: string) =>
  t.browser().post(`/api/legacy/${path}`, { nir, birthDate });

/** Lets the background worker answer every queued request and deliver its emails. */
async function settle() {
  await t.dispatcher.runOnce();
  await t.dispatcher.runOnce();
}

async function resetLink(
  nir: string,
  birthDate: string,
  path: "forgot-password" | "unlock" = "forgot-password",
) {
  await ask(path, nir, birthDate);
  await settle();
  const to = Object.values(DEMO).find((m) => m.nir === nir)?.email ?? "";
  return tokenOf(
    await t.waitForMail(to, (m) => m.links.some((l) => l.includes("/reinitialisation#token="))),
  );
}

describe("POST /api/legacy/forgot-password and /api/legacy/unlock", () => {
  it.each(["forgot-password", "unlock"] as const)(
    "%s answers byte for byte the same whatever the data, and mails only where SPEC says",
    async (path) => {
      t = await createTestApp();
      const cases = [
        ask(path, DEMO.marie.nir, BIRTH.marie), // match: reset link
        ask(path, DEMO.antoine.nir, "1985-02-15"), // wrong birth date: nothing
        ask(path, "1 99 01 75 001 001 43", "1990-01-01"), // unknown NIR: nothing
        ask(path, DEMO.luc.nir, BIRTH.luc), // migrated: reminder
        ask(path, DEMO.lea.nir, BIRTH.lea), // no contact email: nothing (the screen says to call)
        ask(path, DEMO.claire.nir, BIRTH.claire), // no password yet: a link to create one
      ];
      const answers = await Promise.all(cases);
      for (const answer of answers) {
        expect(answer.status).toBe(202);
        expect(answer.text).toBe(answers[0]?.text);
        expect(answer.headers.getSetCookie()).toEqual([]);
      }
      expect(answers[0]?.body).toEqual({
        message:
          "Si ces informations correspondent à un Espace personnel, un email vous a été envoyé à votre adresse de contact.",
      });
      await settle();
      const received = t.catcher
        .list()
        .map((m) => [m.to, m.subject])
        .sort();
      const linkSubject =
        path === "unlock" ? "Débloquez votre compte" : "Choisissez un nouveau mot de passe";
      expect(received).toEqual(
        [
          [DEMO.claire.email, linkSubject],
          [DEMO.luc.email, "Connectez-vous avec votre identifiant MGEN Connect"],
          [DEMO.marie.email, linkSubject],
        ].sort(),
      );
      const reminder = t.catcher.list(DEMO.luc.email)[0];
      expect(reminder?.text).toContain("l***@example.fr");
      expect(reminder?.text).not.toContain("luc.robert@");
      expect(t.catcher.list(DEMO.marie.email)[0]?.links[0]).toMatch(
        /^http:\/\/localhost:3000\/reinitialisation#token=[A-Za-z0-9_-]{43}$/,
      );
    },
  );

  it("refuses a malformed NIR or date with VALIDATION_ERROR only", async () => {
    t = await createTestApp();
    const badKey = await ask("forgot-password", "2 90 08 69 123 045 12", BIRTH.marie);
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.fields.nir).toContain("clé de contrôle");
    const badDate = await ask("unlock", DEMO.marie.nir, "15/08/1990");
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.fields.birthDate).toBeTruthy();
    const impossible = await ask("unlock", DEMO.marie.nir, "1990-02-30");
    expect(impossible.body.error.fields.birthDate).toBeTruthy();
  });

  it("sends at most one link a minute to an Espace", async () => {
    t = await createTestApp();
    await ask("forgot-password", DEMO.marie.nir, BIRTH.marie);
    await ask("forgot-password", DEMO.marie.nir, BIRTH.marie);
    await settle();
    expect(t.catcher.list(DEMO.marie.email)).toHaveLength(1);
  });
});

describe("POST /api/legacy/reset-password", () => {
  it("unlocks Paul: the new password signs in by NIR and opens the wizard", async () => {
    t = await createTestApp();
    expect(
      (await t.browser().post("/api/login/nir", { nir: DEMO.paul.nir, password: ESPACE_PASSWORD }))
        .status,
    ).toBe(423);
    const token = await resetLink(DEMO.paul.nir, BIRTH.paul, "unlock");
    const res = await t
      .browser()
      .post("/api/legacy/reset-password", { token, password: STRONG_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.message).toContain(
      "Lors de votre prochaine connexion vous pourrez changer votre identifiant.",
    );
    const signIn = await t
      .browser()
      .post("/api/login/nir", { nir: DEMO.paul.nir, password: STRONG_PASSWORD });
    expect(signIn.status).toBe(200);
    expect(signIn.body.state).toBe("migration");
    await t.waitForMail(DEMO.paul.email, (m) => /a été modifié/.test(m.subject));
    // Single use.
    const again = await t
      .browser()
      .post("/api/legacy/reset-password", { token, password: STRONG_PASSWORD });
    expect(again.body.error.code).toBe("TOKEN_INVALID");
  });

  it("lets Claire create her first password", async () => {
    t = await createTestApp();
    expect(
      (await t.browser().post("/api/login/nir", { nir: DEMO.claire.nir, password: "x" })).body.error
        .code,
    ).toBe("NO_PASSWORD");
    const token = await resetLink(DEMO.claire.nir, BIRTH.claire);
    expect(
      (await t.browser().post("/api/legacy/reset-password", { token, password: STRONG_PASSWORD }))
        .status,
    ).toBe(200);
    expect(
      (
        await t
          .browser()
          .post("/api/login/nir", { nir: DEMO.claire.nir, password: STRONG_PASSWORD })
      ).status,
    ).toBe(200);
  });

  it("refuses a weak password with WEAK_PASSWORD, naming the personal data", async () => {
    t = await createTestApp();
    const token = await resetLink(DEMO.marie.nir, BIRTH.marie);
    const res = await t
      .browser()
      .post("/api/legacy/reset-password", { token, password: "velours 15081990 soleil" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("WEAK_PASSWORD");
    expect(res.body.error.fields.password).toContain("votre date de naissance");
  });

  it("ends the Espace's sessions and voids its older links", async () => {
    const clock = testClock();
    t = await createTestApp({ now: clock.now });
    const wizard = t.browser();
    await wizard.post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD });
    const first = await resetLink(DEMO.marie.nir, BIRTH.marie);
    clock.advance(61_000);
    t.catcher.clear();
    const second = await resetLink(DEMO.marie.nir, BIRTH.marie);
    expect(second).not.toBe(first);
    expect(
      (
        await t
          .browser()
          .post("/api/legacy/reset-password", { token: first, password: STRONG_PASSWORD })
      ).body.error.code,
    ).toBe("TOKEN_INVALID");
    expect(
      (
        await t
          .browser()
          .post("/api/legacy/reset-password", { token: second, password: STRONG_PASSWORD })
      ).status,
    ).toBe(200);
    expect((await wizard.get("/api/migration")).status).toBe(401);
  });

  it("answers TOKEN_INVALID after an hour, and for an Espace migrated meanwhile", async () => {
    const clock = testClock();
    t = await createTestApp({ now: clock.now });
    const late = await resetLink(DEMO.marie.nir, BIRTH.marie);
    clock.advance(3_600_000);
    expect(
      (
        await t
          .browser()
          .post("/api/legacy/reset-password", { token: late, password: STRONG_PASSWORD })
      ).body.error.code,
    ).toBe("TOKEN_INVALID");

    const token = await resetLink(DEMO.antoine.nir, BIRTH.antoine);
    const wizard = t.browser();
    await wizard.post("/api/login/nir", { nir: DEMO.antoine.nir, password: ESPACE_PASSWORD });
    await wizard.post("/api/migration/email", { email: DEMO.antoine.email });
    await wizard.post("/api/migration/create", {
      email: DEMO.antoine.email,
      password: STRONG_PASSWORD,
      secretQuestionId: "pet",
      secretAnswer: "Rex",
    });
    const res = await t
      .browser()
      .post("/api/legacy/reset-password", { token, password: STRONG_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("TOKEN_INVALID");
  });
});

describe("locking an Espace", () => {
  it("announces the lock once to the contact address, with the way out, even under 20 parallel failures", async () => {
    t = await createTestApp();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        t.browser().post("/api/login/nir", { nir: DEMO.marie.nir, password: "wrong" }),
      ),
    );
    const mail = await t.waitForMail(
      DEMO.marie.email,
      (m) => m.subject === "Votre compte est bloqué",
    );
    expect(mail.links).toContain("http://localhost:3000/debloquer-mon-compte");
    await settle();
    expect(t.catcher.list(DEMO.marie.email)).toHaveLength(1);
  });
});
