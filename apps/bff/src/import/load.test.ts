import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashSync as bcryptHash } from "@node-rs/bcrypt";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OWASP_ARGON2 } from "../config";
import { ENGINES } from "../test/engines";
import { createTestApp, STRONG_PASSWORD, type TestApp, testClock, tokenOf } from "../test/harness";
import { espaceWith, type WrittenExport, writeEspaces, writeExport } from "../test/legacy-export";
import { importFile, type Rejection } from "./load";
import {
  buildHashPools,
  ESPACE_HASH_SHARES,
  ESPACE_PASSWORD,
  type EspaceRow,
  espaceRow,
  type HashPools,
  IDENTITY_PASSWORD,
  identityRow,
} from "./synthetic";

/**
 * The legacy import on generated exports (every hash format, every kind of bad row), on
 * both engines: what is loaded and rejected, re-imports, newer exports beside a live
 * application's changes, and imported members signing in with their old passwords.
 */

const MEMBERS = 1500;

/** What each kind of bad row of the generator must be rejected for. */
const REASONS: Record<string, RegExp> = {
  nir_malformed: /^NIR (absent|mal formé)/,
  nir_wrong_key: /^clé du NIR incorrecte$/,
  nir_duplicate: /^NIR déjà présent plus haut dans le fichier$/,
  birth_date_impossible: /^date de naissance impossible$/,
  contact_email_malformed: /^adresse de contact mal formée$/,
  password_hash_unknown: /^mot de passe : format de mot de passe inconnu$/,
  failed_attempts_invalid: /^nombre d'échecs illisible$/,
  email_malformed: /^adresse mal formée$/,
  email_duplicate: /^adresse déjà présente plus haut dans le fichier$/,
  validated_invalid: /^validated : « true » ou « false » attendu$/,
  locked_invalid: /^locked : « true » ou « false » attendu$/,
};

let pools: HashPools;
let dir: string;
let written: WrittenExport;

beforeAll(async () => {
  pools = await buildHashPools();
  dir = mkdtempSync(join(tmpdir(), "mgen-import-test-"));
  written = writeExport(dir, MEMBERS, pools);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const clock = testClock();

function depsOf(app: TestApp, options: { threads?: number; batchSize?: number } = {}) {
  return {
    db: app.db,
    nirPepper: app.config.nirPepper,
    now: clock.now,
    threads: 1,
    batchSize: 400,
    ...options,
  };
}

async function importBoth(app: TestApp, options: { threads?: number } = {}) {
  const rejected: Rejection[] = [];
  const onRejected = (r: Rejection) => rejected.push(r);
  const identities = await importFile("identities", depsOf(app, options), written.identities, {
    onRejected,
  });
  const espaces = await importFile("espaces", depsOf(app, options), written.espaces, {
    onRejected,
  });
  return { identities, espaces, rejected };
}

/** Every member and identity row, in id order: what a re-import must leave as it was. */
async function dump(app: TestApp) {
  return {
    members: await app.db.all(sql`SELECT * FROM members ORDER BY id`),
    identities: await app.db.all(sql`SELECT * FROM identities ORDER BY id`),
  };
}

async function memberOf(app: TestApp, nir: string) {
  const row = await app.db.get<{
    id: number;
    passwordHash: string | null;
    passwordImported: number;
    lastName: string;
    identityId: number | null;
    lockedAt: number | null;
  }>(
    sql`SELECT id, password_hash, password_imported, last_name, identity_id, locked_at FROM members
        WHERE nir_hash = ${app.ctx.keys.nir.hash(nir).digest}`,
  );
  if (!row) throw new Error("no such member");
  return row;
}

const signIn = (app: TestApp, nir: string, password: string) =>
  app.browser().post("/api/login/nir", { nir, password });

describe.each(ENGINES)("import:legacy on %s", (engine) => {
  it("loads every valid row and rejects every bad one by line, with a reason that holds no value", async () => {
    t = await createTestApp({ engine, seed: false });
    const { identities, espaces, rejected } = await importBoth(t);
    const m = written.manifest;

    expect(espaces).toMatchObject({
      rows: m.espaces.rows,
      inserted: m.espaces.valid,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      rejected: m.espaces.rejected,
    });
    expect(identities).toMatchObject({
      rows: m.identities.rows,
      inserted: m.identities.valid,
      rejected: m.identities.rejected,
    });

    // The advisers' search indexes, dropped for this first load, are back, and find
    // imported Espaces by name (ADR 020, 021).
    const indexes = await t.db.all<{ name: string }>(
      engine === "sqlite"
        ? sql`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members'`
        : sql`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'members'`,
    );
    expect(indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(["members_name_key", "members_contact_email"]),
    );
    const someone = await t.db.get<{ nameKey: string }>(
      sql`SELECT name_key FROM members WHERE name_key IS NOT NULL LIMIT 1`,
    );
    expect(someone?.nameKey).toMatch(/^[a-z0-9 ]+$/);

    // Each bad line once, in line order, for the reason of its kind.
    for (const file of ["espaces", "identities"] as const) {
      const told = rejected.filter((r) => r.file === file);
      expect(told.map((r) => r.line)).toEqual([...told.map((r) => r.line)].sort((a, b) => a - b));
      const expected = new Map<number, string>();
      for (const [kind, lines] of Object.entries(m[file].badLines))
        for (const line of lines) expected.set(line, kind);
      expect(told.map((r) => r.line).sort((a, b) => a - b)).toEqual(
        [...expected.keys()].sort((a, b) => a - b),
      );
      for (const r of told)
        expect(r.reason, `${file} line ${r.line}`).toMatch(
          REASONS[expected.get(r.line) ?? ""] as RegExp,
        );
    }
    // No NIR (13+ digits), address (@) or hash ($, {) in any reason.
    for (const r of rejected) expect(r.reason).not.toMatch(/\d{5}|@|\$|\{/);

    const count = async (where: ReturnType<typeof sql>) =>
      (await t.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM members WHERE ${where}`))?.n;
    expect(await count(sql`1 = 1`)).toBe(m.espaces.valid);
    expect(await count(sql`locked_at IS NOT NULL`)).toBe(m.espaces.locked);
    expect(await count(sql`contact_email IS NULL`)).toBe(m.espaces.withoutContactEmail);
    expect(await count(sql`password_hash IS NULL`)).toBe(m.espaces.hashFormats.none ?? 0);
    expect(await count(sql`password_imported = 1`)).toBe(
      m.espaces.valid - (m.espaces.hashFormats.none ?? 0),
    );
    const identityCount = async (where: ReturnType<typeof sql>) =>
      (await t.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM identities WHERE ${where}`))?.n;
    expect(await identityCount(sql`1 = 1`)).toBe(m.identities.valid);
    expect(await identityCount(sql`validated_at IS NULL`)).toBe(m.identities.notValidated);
    expect(await identityCount(sql`locked_at IS NOT NULL`)).toBe(m.identities.locked);

    // The NIR is nowhere in clear: only its keyed hash and its visible part (sex, year,
    // month, key), whatever the presentation in the file.
    const sample = [0, 1, 2, 3].map((i) => espaceRow(written.plan.seed, i, pools));
    if (engine === "sqlite") t.database.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const text =
      engine === "sqlite"
        ? readFileSync(t.config.databasePath, "latin1")
        : JSON.stringify(await t.db.all(sql`SELECT * FROM members`));
    for (const row of sample) {
      expect(text).not.toContain(row.nir);
      expect(text).not.toContain(row.nir.slice(0, 13));
      const stored = await t.db.get<{ nirVisible: string; birthDate: string }>(
        sql`SELECT nir_visible, birth_date FROM members WHERE nir_hash = ${t.ctx.keys.nir.hash(row.nir).digest}`,
      );
      expect(stored).toEqual({
        nirVisible: `${row.nir.slice(0, 5)}${row.nir.slice(13)}`,
        birthDate: row.birthDateIso,
      });
    }
  });

  it("re-imports the same export without changing a row, on two threads as on one", async () => {
    t = await createTestApp({ engine, seed: false });
    await importBoth(t, { threads: 2 });
    const before = await dump(t);
    const again = await importBoth(t);
    expect(again.espaces).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: written.manifest.espaces.valid,
    });
    expect(again.identities).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: written.manifest.identities.valid,
    });
    expect(await dump(t)).toEqual(before);

    // The same rows, in the same order, as an import on one thread.
    const single = await createTestApp({ engine, seed: false });
    try {
      const once = await importBoth(single, { threads: 1 });
      expect(once.rejected).toEqual(again.rejected);
      expect(await dump(single)).toEqual(before);
    } finally {
      await single.close();
    }
  });

  it("lets members sign in with their old password in every format, re-hashed with argon2id at once", async () => {
    t = await createTestApp({
      engine,
      seed: false,
      now: clock.now,
      config: { argon2: OWASP_ARGON2 },
    });
    await importBoth(t);
    const configured = `$argon2id$v=19$m=${OWASP_ARGON2.memoryCost},t=${OWASP_ARGON2.timeCost},p=${OWASP_ARGON2.parallelism}$`;
    for (const [format] of ESPACE_HASH_SHARES) {
      if (format === "none") continue;
      const row = espaceWith(written, pools, format);
      const before = await memberOf(t, row.nir);

      // A wrong password changes nothing but the count of failures.
      expect((await signIn(t, row.nir, "Pas-Le-Bon-2019")).body.error.code, format).toBe(
        "INVALID_CREDENTIALS",
      );
      expect((await memberOf(t, row.nir)).passwordHash).toBe(before.passwordHash);

      const res = await signIn(t, row.nir, ESPACE_PASSWORD);
      expect(res.status, format).toBe(200);
      expect(res.body.state).toBe("migration");
      const after = await memberOf(t, row.nir);
      if (format === "argon2id") {
        // Already argon2id at the configured cost: kept as it is.
        expect(after.passwordHash).toBe(before.passwordHash);
      } else {
        expect(after.passwordHash, format).toMatch(
          new RegExp(`^${configured.replace(/\$/g, "\\$")}`),
        );
        expect(after.passwordHash).not.toBe(before.passwordHash);
      }
      // The new hash is the same password, still the one the legacy store gave.
      expect(after.passwordImported).toBe(1);
      expect((await signIn(t, row.nir, ESPACE_PASSWORD)).status).toBe(200);
    }

    // No password in the export: the member is told to create one; locked: the lock holds.
    const none = espaceWith(written, pools, "none");
    expect((await signIn(t, none.nir, ESPACE_PASSWORD)).body.error.code).toBe("NO_PASSWORD");
    const locked = espaceWith(written, pools, "bcrypt_2a", { locked: true });
    expect((await signIn(t, locked.nir, ESPACE_PASSWORD)).body.error.code).toBe("ACCOUNT_LOCKED");
  });

  it("lets an imported member migrate onto their imported MGEN Connect identity with its old password", async () => {
    t = await createTestApp({ engine, seed: false, config: { argon2: OWASP_ARGON2 } });
    await importBoth(t);
    // An identity at the contact email of an Espace that can sign in, validated, not
    // locked, with a legacy (bcrypt) hash.
    const fits = (k: number) => {
      const identity = identityRow(written.plan, k, pools);
      if (
        identity.member === null ||
        !identity.validated ||
        identity.locked ||
        !identity.hashFormat.startsWith("bcrypt")
      ) {
        return null;
      }
      const member = espaceRow(written.plan.seed, identity.member, pools);
      return member.hashFormat === "none" || member.locked ? null : { identity, member };
    };
    let found = fits(0);
    for (let k = 1; !found; k++) found = fits(k);
    const { identity, member } = found;
    const stored = await t.db.get<{ passwordHash: string }>(
      sql`SELECT password_hash FROM identities WHERE email = ${identity.email}`,
    );

    const browser = t.browser();
    const signedIn = await browser.post("/api/login/nir", {
      nir: member.nir,
      password: ESPACE_PASSWORD,
    });
    expect(signedIn.status).toBe(200);
    expect((await browser.post("/api/migration/email", { email: identity.email })).body).toEqual({
      next: "link",
    });
    const linked = await browser.post("/api/migration/link", {
      email: identity.email,
      password: IDENTITY_PASSWORD,
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ state: "member", email: identity.email });

    // The directory's legacy hash is gone, replaced in the linking's transaction.
    const after = await t.db.get<{ passwordHash: string }>(
      sql`SELECT password_hash FROM identities WHERE email = ${identity.email}`,
    );
    expect(after?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(after?.passwordHash).not.toBe(stored?.passwordHash);
    // From now on the address and the old Connect password sign in; the NIR no longer does.
    expect(
      (
        await t
          .browser()
          .post("/api/login/email", { email: identity.email, password: IDENTITY_PASSWORD })
      ).status,
    ).toBe(200);
    expect((await signIn(t, member.nir, ESPACE_PASSWORD)).body.error.code).toBe("ALREADY_MIGRATED");
  });

  it("takes a newer export's changes, keeps the application's, and never touches a migrated Espace", async () => {
    t = await createTestApp({ engine, seed: false, now: clock.now });
    const rows = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
      .map((i) => espaceRow(written.plan.seed, i, pools))
      .filter((r) => r.hashFormat !== "none" && !r.locked && r.contactEmail !== "")
      .slice(0, 5);
    const [a, b, c, d, f] = rows as [EspaceRow, EspaceRow, EspaceRow, EspaceRow, EspaceRow];
    const v1 = writeEspaces(
      join(t.dir, "v1.csv"),
      rows.map((r) => r.fields),
    );
    const first = await importFile("espaces", depsOf(t), v1);
    expect(first).toMatchObject({ inserted: 5, rejected: 0 });

    // A migrates (an identity, a session, a pending Connect reset link)…
    const aBrowser = t.browser();
    await aBrowser.post("/api/login/nir", { nir: a.nir, password: ESPACE_PASSWORD });
    await aBrowser.post("/api/migration/email", { email: a.contactEmail });
    const created = await aBrowser.post("/api/migration/create", {
      email: a.contactEmail,
      password: STRONG_PASSWORD,
      secretQuestionId: "pet",
      secretAnswer: "Rex",
    });
    expect(created.status).toBe(200);
    await t.browser().post("/api/connect/forgot-password", { email: a.contactEmail });
    await t.dispatcher.runOnce();
    await t.dispatcher.runOnce();
    const resetMail = await t.waitForMail(a.contactEmail, (m) =>
      m.links.some((l) => l.includes("/connect/reinitialisation#token=")),
    );
    const aBefore = await memberOf(t, a.nir);
    // …B signs in (its legacy hash becomes argon2id)…
    expect((await signIn(t, b.nir, ESPACE_PASSWORD)).status).toBe(200);
    const bRehashed = (await memberOf(t, b.nir)).passwordHash;
    // …C sets a new password in this application.
    await t
      .browser()
      .post("/api/legacy/forgot-password", { nir: c.nir, birthDate: c.birthDateIso });
    await t.dispatcher.runOnce();
    await t.dispatcher.runOnce();
    const cMail = await t.waitForMail(c.contactEmail, (m) =>
      m.links.some((l) => l.includes("/reinitialisation#token=")),
    );
    expect(
      (
        await t
          .browser()
          .post("/api/legacy/reset-password", { token: tokenOf(cMail), password: STRONG_PASSWORD })
      ).status,
    ).toBe(200);

    // The newer export: every name changes; C and D bring a new legacy password; E is new.
    const NEW_PASSWORD = "Nouveau-Espace-2020";
    const newHash = bcryptHash(NEW_PASSWORD, 4);
    const renamed = (r: EspaceRow, hash?: string) => {
      const fields = [...r.fields];
      fields[3] = `${fields[3]}-Martin`;
      if (hash) fields[5] = hash;
      return fields;
    };
    let e = espaceRow(written.plan.seed, 20, pools);
    for (let i = 21; e.hashFormat === "none" || e.locked; i++)
      e = espaceRow(written.plan.seed, i, pools);
    const v2 = writeEspaces(join(t.dir, "v2.csv"), [
      renamed(a),
      renamed(b),
      renamed(c, newHash),
      renamed(d, newHash),
      f.fields,
      e.fields,
    ]);
    const second = await importFile("espaces", depsOf(t), v2);
    expect(second).toMatchObject({
      rows: 6,
      inserted: 1,
      updated: 3,
      unchanged: 1,
      skipped: 1,
      rejected: 0,
    });

    // A: untouched, still migrated, its session and its link still good.
    expect(await memberOf(t, a.nir)).toEqual(aBefore);
    expect((await aBrowser.get("/api/session")).body).toMatchObject({
      state: "member",
      email: a.contactEmail,
    });
    const inspect = await t
      .browser()
      .post("/api/connect/reset-password/inspect", { token: tokenOf(resetMail) });
    expect(inspect.status).toBe(200);
    // B: renamed; its argon2id hash stays (the legacy hash did not change, it does not come back).
    expect(await memberOf(t, b.nir)).toMatchObject({
      lastName: `${b.fields[3]}-Martin`,
      passwordHash: bRehashed,
    });
    // C: renamed; the password set here wins over the export's.
    expect((await memberOf(t, c.nir)).lastName).toBe(`${c.fields[3]}-Martin`);
    expect((await signIn(t, c.nir, STRONG_PASSWORD)).status).toBe(200);
    expect((await signIn(t, c.nir, NEW_PASSWORD)).body.error.code).toBe("INVALID_CREDENTIALS");
    // D: still on its imported password, so the export's new one replaces it.
    expect((await signIn(t, d.nir, NEW_PASSWORD)).status).toBe(200);
    expect((await signIn(t, d.nir, ESPACE_PASSWORD)).body.error.code).toBe("INVALID_CREDENTIALS");
    // E: new.
    expect((await signIn(t, e.nir, ESPACE_PASSWORD)).status).toBe(200);
  });
});
