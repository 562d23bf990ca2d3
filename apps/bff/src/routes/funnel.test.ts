import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { cleanUp } from "../domain/cleanup";
import { checkCounters, projectDate } from "../domain/funnel";
import { currentCode } from "../domain/staff-auth";
import { DEMO_STAFF_PASSWORD, DEMO_STAFF_TOTP_SECRET } from "../seed/staff";
import { ENGINES } from "../test/engines";
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

/**
 * The migration cockpit's figures (OPERATIONS.md §3), each checked against a known
 * history made through the real API, on both engines: two days of members migrating by
 * each path, an expired validation link, refused links, a taken address, a lock and a
 * reset. Then the counters' check recounts everything from the data.
 */

const HOUR = 3_600_000;
let t: TestApp | null = null;
let clock: ReturnType<typeof testClock>;
afterEach(async () => {
  await t?.close();
  t = null;
});

function app(): TestApp {
  if (!t) throw new Error("no app");
  return t;
}

async function staff(role: "conseiller" | "superviseur"): Promise<Browser> {
  const b = app().browser();
  await b.post("/api/staff/login", {
    email: `${role}@mgen.example`,
    password: DEMO_STAFF_PASSWORD,
  });
  clock.advance(30_000);
  const res = await b.post("/api/staff/login/totp", {
    code: currentCode(DEMO_STAFF_TOTP_SECRET, clock.now()),
  });
  expect(res.status).toBe(200);
  return b;
}

async function nirSession(nir: string): Promise<Browser> {
  const b = app().browser();
  const res = await b.post("/api/login/nir", { nir, password: ESPACE_PASSWORD });
  expect(res.status).toBe(200);
  return b;
}

const create = (b: Browser, email: string) =>
  b.post("/api/migration/create", {
    email,
    password: STRONG_PASSWORD,
    secretQuestionId: "book",
    secretAnswer: "Le Petit Prince",
  });

/** Two days of a migration, through the API (the clock starts 2026-11-26 10:00 in Paris). */
async function knownHistory(): Promise<void> {
  // Day 1 — Marie migrates with her contact address.
  const marie = await nirSession(DEMO.marie.nir);
  expect((await marie.post("/api/migration/email", { email: DEMO.marie.email })).body).toEqual({
    next: "create",
  });
  expect((await create(marie, DEMO.marie.email)).status).toBe(200);
  // Antoine asks for another address: a validation link, pending.
  const antoine = await nirSession(DEMO.antoine.nir);
  await antoine.post("/api/migration/email", { email: "antoine.perso@example.org" });
  expect((await create(antoine, "antoine.perso@example.org")).status).toBe(202);
  // Sophie types Marc's address: taken.
  const sophie = await nirSession(DEMO.sophie.nir);
  const taken = await sophie.post("/api/migration/email", { email: DEMO.sophie.email });
  expect(taken.body.error.code).toBe("EMAIL_TAKEN");
  // Jean links his identity: one wrong password, then the right one.
  const jean = await nirSession(DEMO.jean.nir);
  expect((await jean.post("/api/migration/email", { email: DEMO.jean.email })).body).toEqual({
    next: "link",
  });
  const wrong = await jean.post("/api/migration/link", { email: DEMO.jean.email, password: "x" });
  expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
  const linked = await jean.post("/api/migration/link", {
    email: DEMO.jean.email,
    password: CONNECT_PASSWORD,
  });
  expect(linked.status).toBe(200);
  // Emma's identity is not validated, Hugo's is locked: linking refused.
  const emma = await nirSession(DEMO.emma.nir);
  await emma.post("/api/migration/email", { email: DEMO.emma.email });
  const notValidated = await emma.post("/api/migration/link", {
    email: DEMO.emma.email,
    password: CONNECT_PASSWORD,
  });
  expect(notValidated.body.error.code).toBe("IDENTITY_NOT_VALIDATED");
  const hugo = await nirSession(DEMO.hugo.nir);
  await hugo.post("/api/migration/email", { email: DEMO.hugo.email });
  const locked = await hugo.post("/api/migration/link", {
    email: DEMO.hugo.email,
    password: CONNECT_PASSWORD,
  });
  expect(locked.body.error.code).toBe("IDENTITY_LOCKED");

  // Day 2 — Antoine's link expired unopened (the clean-up counts it), he asks again and opens it.
  clock.advance(25 * HOUR);
  expect((await cleanUp(app().ctx, clock.now())).expiredUnopened).toBe(1);
  const again = await nirSession(DEMO.antoine.nir);
  expect((await again.post("/api/migration/resend", {})).status).toBe(202);
  await waitForCount("antoine.perso@example.org", 2);
  // The catcher lists the newest first.
  const newest = app()
    .catcher.list("antoine.perso@example.org")
    .find((m) => m.subject.startsWith("Validez"));
  const confirmed = await again.post("/api/migration/confirm", {
    token: tokenOf(newest as NonNullable<typeof newest>),
  });
  expect(confirmed.status).toBe(200);
  // Léa (no contact address) mistypes her password five times: locked.
  for (let i = 0; i < 5; i++) {
    await app().browser().post("/api/login/nir", { nir: DEMO.lea.nir, password: "faux" });
  }
  // Paul, locked since before, resets his password with the link of "Votre compte est bloqué ?".
  const unlock = await app().browser().post("/api/legacy/unlock", {
    nir: DEMO.paul.nir,
    birthDate: "1975-12-24",
  });
  expect(unlock.status).toBe(202);
  const resetMail = await app().waitForMail(DEMO.paul.email);
  const reset = await app()
    .browser()
    .post("/api/legacy/reset-password", {
      token: tokenOf(resetMail),
      password: STRONG_PASSWORD,
    });
  expect(reset.status).toBe(200);
}

async function waitForCount(to: string, n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (
    app()
      .catcher.list(to)
      .filter((m) => m.subject.startsWith("Validez")).length < n
  ) {
    if (Date.now() > deadline) throw new Error(`fewer than ${n} validation emails for ${to}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(ENGINES)("the migration cockpit on %s", (engine) => {
  it("counts the demo Espaces as they are before anything happens", async () => {
    clock = testClock();
    t = await createTestApp({ now: clock.now, engine });
    const funnel = (await (await staff("superviseur")).get("/api/staff/funnel")).body;
    expect(funnel).toMatchObject({
      total: 11,
      // Marc and Luc migrated before; Paul locked; Claire has no password; Léa no contact address.
      states: {
        not_started: 9,
        wizard_started: 0,
        validation_pending: 0,
        migrated: 2,
        locked: 1,
        no_password: 1,
      },
      migratedBy: { contact_email: 2, other_address: 0, link: 0 },
      projection95: null,
    });
    expect(funnel.daily).toHaveLength(30);
    expect(funnel.daily.at(-1).date).toBe("2026-11-26");
    expect(funnel.dropOff).toContainEqual({ reason: "no_contact_email", count: 1 });
  });

  it("gives every figure of a known history, and the check finds nothing to correct", async () => {
    clock = testClock();
    t = await createTestApp({ now: clock.now, engine });
    await knownHistory();
    const supervisor = await staff("superviseur");
    const res = await supervisor.get("/api/staff/funnel?days=3");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 11,
      states: {
        // Paul (reset, never signed in by NIR since), Claire, Léa.
        not_started: 3,
        // Sophie (address taken), Emma (not validated), Hugo (identity locked).
        wizard_started: 3,
        validation_pending: 0,
        // Marc and Luc before; Marie, Jean, Antoine now.
        migrated: 5,
        // Léa (Paul's reset unlocked him).
        locked: 1,
        no_password: 1,
      },
      migratedBy: { contact_email: 3, other_address: 1, link: 1 },
      daily: [
        {
          date: "2026-11-25",
          migrated: 0,
          started: 0,
          linksSent: 0,
          linksOpened: 0,
          locks: 0,
          resets: 0,
        },
        {
          date: "2026-11-26",
          migrated: 2,
          started: 6,
          linksSent: 1,
          linksOpened: 0,
          locks: 0,
          resets: 0,
        },
        {
          date: "2026-11-27",
          migrated: 1,
          started: 0,
          linksSent: 1,
          linksOpened: 1,
          locks: 1,
          resets: 1,
        },
      ],
      dropOff: [
        { reason: "link_expired", count: 1 },
        { reason: "email_taken", count: 1 },
        { reason: "link_refused_not_validated", count: 1 },
        { reason: "link_refused_locked", count: 1 },
        { reason: "link_refused_wrong_password", count: 1 },
        { reason: "locked", count: 1 },
        { reason: "no_contact_email", count: 1 },
      ],
      // 95 % of 11 is 11 Espaces: 6 to go at 3 migrations in 14 days, 28 days from the 27th.
      projection95: "2026-12-25",
      at: new Date(clock.now()).toISOString(),
    });
    // The drop-offs are all-time totals, whatever days are shown: day 1's refusals count.
    const lastDay = await supervisor.get("/api/staff/funnel?days=1");
    expect(lastDay.body.daily.map((d: { date: string }) => d.date)).toEqual(["2026-11-27"]);
    expect(lastDay.body.dropOff).toEqual(res.body.dropOff);
    expect(await checkCounters(app().ctx)).toMatchObject({ differences: [], espaces: 11 });
  });

  it("exports the members stuck in a state as CSV, for superviseurs only, each export in the audit", async () => {
    clock = testClock();
    t = await createTestApp({ now: clock.now, engine });
    await knownHistory();
    const supervisor = await staff("superviseur");
    const csv = await supervisor.get("/api/staff/funnel/stuck.csv?state=wizard_started");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(
      'attachment; filename="adherents-wizard_started.csv"',
    );
    const started = new Date(Date.UTC(2026, 10, 26, 9, 0)).toISOString().slice(0, 10);
    const lines = (csv.text as string).split("\r\n");
    expect(lines[0]).toBe("nom;prenom;email_contact;etat;depuis");
    // UTF-8 with a BOM, for a spreadsheet (the decoder above takes it off).
    const raw = await app().app.request("/api/staff/funnel/stuck.csv?state=not_started", {
      headers: { Cookie: `mgen_staff=${supervisor.cookie("mgen_staff")}` },
    });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines.slice(1, -1).map((l) => l.split(";").slice(0, 4))).toEqual([
      ["Bernard", "Sophie", "famille.bernard@example.fr", "Migration commencée"],
      ["Richard", "Emma", "emma.richard@example.fr", "Migration commencée"],
      ["Durand", "Hugo", "hugo.durand@example.fr", "Migration commencée"],
    ]);
    expect(lines.slice(1, -1).every((l) => l.split(";")[4]?.startsWith(started))).toBe(true);
    // No NIR, no identifier: the five columns only.
    expect(csv.text).not.toMatch(/\d{13}/);
    const locked = await supervisor.get("/api/staff/funnel/stuck.csv?state=locked");
    expect((locked.text as string).split("\r\n").slice(1, -1)).toEqual([
      expect.stringMatching(/^Lefebvre;Léa;;Bloqué;2026-11-27T/),
    ]);
    const audit = await supervisor.get("/api/staff/audit?action=staff.export");
    expect(audit.body.items.map((i: { outcome: string }) => i.outcome)).toEqual([
      "liste exportée : Bloqué",
      "liste exportée : Pas encore commencé",
      "liste exportée : Migration commencée",
    ]);
    const bad = await supervisor.get("/api/staff/funnel/stuck.csv?state=migrated");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_ERROR");
    const days = await supervisor.get("/api/staff/funnel?days=0");
    expect(days.body.error.code).toBe("VALIDATION_ERROR");
  });

  it("answers FORBIDDEN to an adviser and UNAUTHENTICATED without a staff session", async () => {
    clock = testClock();
    t = await createTestApp({ now: clock.now, engine });
    const adviser = await staff("conseiller");
    for (const path of ["/api/staff/funnel", "/api/staff/funnel/stuck.csv?state=not_started"]) {
      expect((await adviser.get(path)).body.error.code).toBe("FORBIDDEN");
      expect((await app().browser().get(path)).status).toBe(401);
      expect((await (await nirSession(DEMO.marie.nir)).get(path)).status).toBe(401);
    }
  });

  it("keeps the counters true when the same steps race: 20 sign-ins at once start one wizard", async () => {
    clock = testClock();
    t = await createTestApp({ now: clock.now, engine });
    await Promise.all(
      Array.from({ length: 20 }, () =>
        app()
          .browser()
          .post("/api/login/nir", { nir: DEMO.antoine.nir, password: ESPACE_PASSWORD }),
      ),
    );
    // Two Espaces race for one new address; the first validation link opened wins.
    const a = await nirSession(DEMO.marie.nir);
    const b = await nirSession(DEMO.emma.nir);
    await a.post("/api/migration/email", { email: "une.seule@example.org" });
    await b.post("/api/migration/email", { email: "une.seule@example.org" });
    await Promise.all([create(a, "une.seule@example.org"), create(b, "une.seule@example.org")]);
    await waitForCount("une.seule@example.org", 2);
    const tokens = app()
      .catcher.list("une.seule@example.org")
      .filter((m) => m.subject.startsWith("Validez"))
      .map((m) => tokenOf(m));
    const answers = await Promise.all(
      tokens.map((token) => app().browser().post("/api/migration/confirm", { token })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const funnel = (await (await staff("superviseur")).get("/api/staff/funnel")).body;
    expect(funnel.daily.at(-1)).toMatchObject({ started: 3, migrated: 1, linksSent: 2 });
    // The loser was told the address is taken, whichever way the race went: seen as taken
    // (its link spent and counted opened), or refused by the unique index (nothing written,
    // its link still there to open again).
    expect(funnel.daily.at(-1).linksOpened).toBeGreaterThanOrEqual(1);
    expect(funnel.dropOff).toContainEqual({ reason: "email_taken", count: 1 });
    // Antoine and the loser are between the two (the loser back at step 1, or still
    // pending when the unique index refused its write).
    expect(funnel.states.migrated).toBe(3);
    expect(funnel.states.wizard_started + funnel.states.validation_pending).toBe(2);
    expect(await checkCounters(app().ctx)).toMatchObject({ differences: [] });
  });

  it("finds and repairs a counter that differs from the data", async () => {
    clock = testClock();
    t = await createTestApp({ now: clock.now, engine });
    await app().db.run(
      sql`UPDATE funnel_counters SET value = value + 7 WHERE name = 'state:not_started'`,
    );
    const { differences } = await checkCounters(app().ctx);
    expect(differences).toEqual([{ name: "state:not_started", day: "", counted: 16, expected: 9 }]);
  });
});

describe("the projection", () => {
  it("is the day 95 % will have migrated at the last 14 days' pace, today once reached, null without pace", () => {
    expect(projectDate(1000, 500, 140, "2026-12-01")).toBe("2027-01-15");
    expect(projectDate(1000, 950, 0, "2026-12-01")).toBe("2026-12-01");
    expect(projectDate(1000, 10, 0, "2026-12-01")).toBeNull();
    expect(projectDate(0, 0, 0, "2026-12-01")).toBeNull();
  });
});
