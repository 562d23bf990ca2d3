import { tokenFromFragment } from "@mgen/contracts/rules";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../db/engine";
import { openDatabase } from "../db/open";
import { memberAccount } from "../domain/accounts";
import { SYSTEM_CALLER } from "../domain/context";
import { issueLink } from "../domain/links";
import { notify } from "../domain/notifications";
import { confirmValidation, requestValidation } from "../domain/pending-validation";
import { rationWizardAddress } from "../domain/throttling";
import { migrationConfirmedEmail } from "../mail/templates";
import { ENGINES, type EngineName, idWhere } from "../test/engines";
import { createTestApp, DEMO, type TestApp } from "../test/harness";
import * as accounts from "./accounts";
import * as counters from "./counters";
import * as devices from "./devices";
import { insertEvent } from "./events";
import * as outbox from "./outbox";
import * as pending from "./pending";
import * as resetRequests from "./reset-requests";
import type { Member } from "./rows";
import * as sessions from "./sessions";

/**
 * The contract of the store, run on SQLite and on a real PostgreSQL: every operation,
 * the invariants the database itself keeps, and the races. What passes here on both
 * engines is what the one domain relies on (ADR 019).
 */

const T = Date.UTC(2026, 10, 26, 9, 0);

function newMember(nir: string, extra: Partial<accounts.NewMember> = {}): accounts.NewMember {
  return {
    nirHash: `hash-${nir}`,
    nirKeyId: 1,
    birthDate: "1980-01-01",
    firstName: "Test",
    lastName: nir,
    contactEmail: null,
    passwordHash: null,
    failedAttempts: 0,
    lockedAt: null,
    identityId: null,
    migratedAt: null,
    createdAt: T,
    ...extra,
  };
}

function newIdentity(
  email: string,
  extra: Partial<accounts.NewIdentity> = {},
): accounts.NewIdentity {
  return {
    email,
    passwordHash: "x",
    secretQuestionId: null,
    secretAnswerHash: null,
    validatedAt: null,
    createdAt: T,
    ...extra,
  };
}

/**
 * A second engine on the same database, as another instance has: on PostgreSQL another
 * pool. On SQLite, another instance is another process (a second connection in this
 * process would wait for the first one's lock while blocking the event loop it needs):
 * the same engine stands for it, its transactions serialised as between processes.
 */
function anotherInstance(t: TestApp): { db: Engine; close: () => Promise<void> } {
  if (t.db.kind === "sqlite") return { db: t.db, close: async () => {} };
  const db = openDatabase(t.config);
  return { db, close: () => db.close() };
}

describe.each(ENGINES)("the store on %s", (engine: EngineName) => {
  let t: TestApp;
  let db: Engine;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    // The suite drives the store by hand: the app's own dispatcher, polling the outbox
    // with the real clock, could claim the emails the outbox tests enqueue in the past.
    await t.dispatcher.stop();
    db = t.db;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe("accounts", () => {
    it("inserts, finds by NIR hash, id, address and link, and re-keys", async () => {
      const identityId = await accounts.insertIdentity(db, newIdentity("acc-1@example.fr"));
      const memberId = await accounts.insertMember(
        db,
        newMember("acc-1", { contactEmail: "acc-1@example.fr" }),
      );
      expect((await accounts.memberByNirHash(db, "hash-acc-1"))?.id).toBe(memberId);
      expect((await accounts.memberById(db, memberId))?.lastName).toBe("acc-1");
      expect((await accounts.identityByEmail(db, "acc-1@example.fr"))?.id).toBe(identityId);
      expect((await accounts.identityById(db, identityId))?.failedAttempts).toBe(0);
      await accounts.rekeyMember(db, memberId, "hash-acc-1-k2", 2);
      expect(await accounts.memberByNirHash(db, "hash-acc-1")).toBeUndefined();
      expect((await accounts.memberByNirHash(db, "hash-acc-1-k2"))?.nirKeyId).toBe(2);
      // Every integer comes back a number, times included (PostgreSQL's bigint too).
      const member = (await accounts.memberById(db, memberId)) as Member;
      expect(typeof member.createdAt).toBe("number");
      expect(member.createdAt).toBe(T);
    });

    it("migrates an Espace once, and only a not-migrated Espace gets a legacy password", async () => {
      const identityId = await accounts.insertIdentity(db, newIdentity("acc-2@example.fr"));
      const memberId = await accounts.insertMember(db, newMember("acc-2"));
      expect(await accounts.addressHolder(db, "acc-2@example.fr")).toEqual({
        id: identityId,
        linkedTo: null,
      });
      expect(await accounts.setMemberPassword(db, memberId, "h1")).toBe(true);
      const migrated = await accounts.markMigrated(
        db,
        memberId,
        identityId,
        "contact_email",
        T + 1,
      );
      expect(migrated).toMatchObject({
        identityId,
        migratedAt: T + 1,
        failedAttempts: 0,
        lockedAt: null,
      });
      expect(
        await accounts.markMigrated(db, memberId, identityId, "contact_email", T + 2),
      ).toBeUndefined();
      expect(await accounts.setMemberPassword(db, memberId, "h2")).toBe(false);
      expect((await accounts.memberOfIdentity(db, identityId))?.id).toBe(memberId);
      expect(await accounts.addressHolder(db, "acc-2@example.fr")).toEqual({
        id: identityId,
        linkedTo: memberId,
      });
    });

    it("raises epochs and sets an identity's password, validating its address", async () => {
      const identityId = await accounts.insertIdentity(db, newIdentity("acc-3@example.fr"));
      const memberId = await accounts.insertMember(db, newMember("acc-3"));
      await accounts.bumpMemberEpoch(db, memberId);
      await accounts.bumpIdentityEpoch(db, identityId);
      await accounts.bumpIdentityEpoch(db, identityId);
      expect((await accounts.memberById(db, memberId))?.credentialEpoch).toBe(1);
      await accounts.setIdentityPassword(db, identityId, "new", T + 5);
      await accounts.setIdentityPassword(db, identityId, "newer", T + 9);
      expect(await accounts.identityById(db, identityId)).toMatchObject({
        credentialEpoch: 2,
        passwordHash: "newer",
        validatedAt: T + 5,
      });
    });
  });

  describe("invariants kept by the database itself", () => {
    it("one address, one identity; one identity, one Espace (unique constraints)", async () => {
      const identityId = await accounts.insertIdentity(db, newIdentity("inv-1@example.fr"));
      await expect(accounts.insertIdentity(db, newIdentity("inv-1@example.fr"))).rejects.toSatisfy(
        (e) => db.isUniqueViolation(e),
      );
      const a = await accounts.insertMember(db, newMember("inv-1a"));
      const b = await accounts.insertMember(db, newMember("inv-1b"));
      await accounts.markMigrated(db, a, identityId, "link", T);
      await expect(accounts.markMigrated(db, b, identityId, "link", T)).rejects.toSatisfy((e) =>
        db.isUniqueViolation(e),
      );
      await expect(accounts.insertMember(db, newMember("inv-1a"))).rejects.toSatisfy((e) =>
        db.isUniqueViolation(e),
      );
    });

    it("refuses a half migration, an address not in lower case, a negative count", async () => {
      const identityId = await accounts.insertIdentity(db, newIdentity("inv-2@example.fr"));
      const refused = [
        () => accounts.insertMember(db, newMember("inv-2a", { identityId })),
        () => accounts.insertMember(db, newMember("inv-2b", { migratedAt: T })),
        () => accounts.insertIdentity(db, newIdentity("Inv-2@Example.fr")),
        () => accounts.insertMember(db, newMember("inv-2c", { contactEmail: "MAJ@example.fr" })),
        () => accounts.insertMember(db, newMember("inv-2d", { failedAttempts: -1 })),
      ];
      for (const attempt of refused) {
        await expect(attempt()).rejects.toThrow();
      }
      const unknown = sql`INSERT INTO link_tokens (token_hash, purpose, member_id, epoch, created_at, expires_at)
        VALUES ('x', 'reset_everything', NULL, 0, 0, 1)`;
      await expect(db.run(unknown)).rejects.toThrow();
    });

    it("keeps security events append-only", async () => {
      await insertEvent(db, {
        at: T,
        event: "login.failed",
        channel: "nir",
        memberId: null,
        identityId: null,
        subject: "inconnu:0123456789abcdef",
        requestId: null,
        client: null,
      });
      await expect(
        db.run(sql`UPDATE security_events SET event = 'login.succeeded'`),
      ).rejects.toThrow(/append-only/);
      await expect(db.run(sql`DELETE FROM security_events`)).rejects.toThrow(/append-only/);
      if (engine === "postgres") {
        await expect(db.run(sql`TRUNCATE security_events`)).rejects.toThrow(/append-only/);
      }
      const n = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM security_events`);
      expect(n?.n).toBeGreaterThanOrEqual(1);
    });
  });

  describe("sessions", () => {
    it("opens, reads with the Espace and the identity's address, touches and ends", async () => {
      const memberId = await idWhere(db, "members", "first_name", "Luc");
      const base = { keyId: 1, memberId, now: T, expiresAt: T + 1000 };
      await sessions.insertSession(db, { idHash: "s-1", kind: "member", ...base });
      await sessions.insertSession(db, { idHash: "s-2", kind: "member", ...base });
      await sessions.insertSession(db, { idHash: "s-3", kind: "migration", ...base });
      const view = await sessions.sessionView(db, "s-1");
      expect(view?.session).toMatchObject({
        idHash: "s-1",
        kind: "member",
        memberId,
        lastSeenAt: T,
      });
      // The Espace's columns its requests read, and no more: a session is read on every
      // request, and its view never carries the NIR hash nor the password hash.
      const member = await accounts.memberById(db, memberId);
      expect(view?.member).toEqual({
        id: memberId,
        firstName: "Luc",
        lastName: member?.lastName,
        birthDate: member?.birthDate,
        contactEmail: member?.contactEmail,
        identityId: member?.identityId,
        migratedAt: member?.migratedAt,
      });
      expect(view?.identityEmail).toBe(DEMO.luc.email);
      await sessions.touchSession(db, "s-1", T + 50);
      expect((await sessions.sessionView(db, "s-1"))?.session.lastSeenAt).toBe(T + 50);
      await sessions.setWizardChoice(db, "s-3", "w@example.fr", "create");
      expect((await sessions.sessionView(db, "s-3"))?.session).toMatchObject({
        wizardEmail: "w@example.fr",
        wizardNext: "create",
      });
      await sessions.clearWizardChoices(db, memberId);
      expect((await sessions.sessionView(db, "s-3"))?.session.wizardEmail).toBeNull();
      expect(await sessions.deleteMemberSessions(db, memberId, { kind: "migration" })).toBe(1);
      expect(await sessions.deleteMemberSessions(db, memberId, { except: "s-1" })).toBe(1);
      expect(await sessions.sessionView(db, "s-1")).toBeDefined();
      expect(await sessions.deleteExpiredSessions(db, T + 1000, { migration: 1, member: 1 })).toBe(
        1,
      );
      expect(await sessions.sessionView(db, "s-1")).toBeUndefined();
    });
  });

  describe("devices", () => {
    it("remembers a browser for a year, trusts it below 5 failures, and forgets its failures on success", async () => {
      const key = { tokenHash: "d-1", accountKind: "member" as const, accountId: 1 };
      await devices.rememberDevice(db, { ...key, keyId: 1 }, T, T + 100);
      expect(await devices.trustedDevice(db, ["nope", "d-1"], "member", 1, 5, T + 99)).toEqual(key);
      expect(await devices.trustedDevice(db, ["d-1"], "member", 1, 5, T + 100)).toBeUndefined();
      expect(await devices.trustedDevice(db, ["d-1"], "identity", 1, 5, T)).toBeUndefined();
      const counts = [];
      for (let i = 0; i < 6; i++) counts.push(await devices.reserveDeviceAttempt(db, key, 5));
      expect(counts).toEqual([1, 2, 3, 4, 5, undefined]);
      expect(await devices.trustedDevice(db, ["d-1"], "member", 1, 5, T)).toBeUndefined();
      await devices.deviceSucceeded(db, key, T + 1);
      expect(await devices.trustedDevice(db, ["d-1"], "member", 1, 5, T)).toEqual(key);
      await devices.rememberDevice(db, { ...key, keyId: 1 }, T + 2, T + 500);
      expect(await devices.trustedDevice(db, ["d-1"], "member", 1, 5, T + 400)).toEqual(key);
    });
  });

  describe("pending migrations", () => {
    it("keeps at most one per Espace", async () => {
      const memberId = await accounts.insertMember(db, newMember("pend-1"));
      const row = {
        memberId,
        email: "p@example.fr",
        passwordHash: "h",
        secretQuestionId: "pet",
        secretAnswerHash: "a",
        epoch: 3,
        createdAt: T,
      };
      await pending.insertPending(db, row);
      expect(await pending.pendingOf(db, memberId)).toEqual(row);
      await expect(pending.insertPending(db, row)).rejects.toThrow();
      expect(await pending.deletePending(db, memberId)).toBe(true);
      expect(await pending.deletePending(db, memberId)).toBe(false);
    });
  });

  describe("counters", () => {
    it("counts 20 parallel hits of one window exactly, each seeing its own rank", async () => {
      const hits = await Promise.all(
        Array.from({ length: 20 }, () => counters.countHit(db, "secret", "203.0.113.9", T)),
      );
      expect([...hits].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await counters.countHit(db, "secret", "203.0.113.9", T + 60_000)).toBe(1);
    });

    it("counts wrong answers, notices and wizard addresses since a time", async () => {
      const identityId = await accounts.insertIdentity(db, newIdentity("cnt-1@example.fr"));
      const first = await counters.insertAnswerAttempt(db, identityId, T);
      await counters.insertAnswerAttempt(db, identityId, T + 10);
      expect(await counters.wrongAnswersSince(db, identityId, T - 1)).toBe(2);
      await counters.deleteAnswerAttempt(db, first);
      expect(await counters.wrongAnswersSince(db, identityId, T - 1)).toBe(1);
      await counters.insertNotice(db, "identity", identityId, "lock", T);
      await counters.insertNotice(db, "identity", identityId, "not_validated", T);
      expect(await counters.noticesSince(db, "identity", identityId, "lock", T - 1)).toBe(1);
      const memberId = await accounts.insertMember(db, newMember("cnt-1"));
      await counters.recordWizardAddress(db, memberId, "a1", T);
      await counters.recordWizardAddress(db, memberId, "a2", T + 5);
      await counters.recordWizardAddress(db, memberId, "a1", T + 9);
      expect(await counters.wizardAddressTriedAt(db, memberId, "a1")).toBe(T + 9);
      expect(await counters.wizardAddressesSince(db, memberId, T - 1)).toEqual({
        n: 2,
        oldest: T + 5,
      });
    });
  });

  describe("the outbox", () => {
    it("claims due emails for a lease, gives them back after it, and erases a body once sent", async () => {
      await db.run(sql`DELETE FROM outbox`);
      const message = migrationConfirmedEmail({
        to: "o@example.fr",
        firstName: "O",
        publicUrl: "http://x",
      });
      await outbox.enqueue(db, message, T);
      expect(await outbox.anyDue(db, T - 1)).toBe(false);
      const [claimed] = await outbox.claimDue(db, T, 60_000, 10);
      expect(claimed).toMatchObject({
        recipient: "o@example.fr",
        textBody: message.text,
        nextAttemptAt: T + 60_000,
      });
      expect(await outbox.claimDue(db, T + 59_999, 60_000, 10)).toEqual([]);
      const again = await outbox.claimDue(db, T + 60_000, 60_000, 10);
      expect(again.map((r) => r.id)).toEqual([claimed?.id]);
      await outbox.markFailed(db, claimed?.id ?? -1, 1, T + 61_000, "boom");
      await outbox.markSent(db, claimed?.id ?? -1, 2, T + 62_000);
      const row = await db.get<{
        textBody: string | null;
        htmlBody: string | null;
        sentAt: number;
      }>(sql`SELECT text_body, html_body, sent_at FROM outbox WHERE id = ${claimed?.id}`);
      expect(row).toEqual({ textBody: null, htmlBody: null, sentAt: T + 62_000 });
      expect(await outbox.anyDue(db, T + 10_000_000)).toBe(false);
    });

    it("never gives one email to two instances claiming at once", async () => {
      // The test app's own dispatcher would claim some too: only the two claimants here.
      await t.dispatcher.stop();
      await db.run(sql`DELETE FROM outbox`);
      for (let i = 0; i < 40; i++) {
        await outbox.enqueue(db, { to: `c${i}@example.fr`, subject: "s", text: "t", html: "h" }, T);
      }
      const other = anotherInstance(t);
      try {
        // Waves of parallel claims until nothing is due: rows being claimed by one are
        // skipped by the others, and every email is claimed exactly once.
        const ids: number[] = [];
        for (let wave = 0; wave < 20 && (await outbox.anyDue(db, T)); wave++) {
          const claims = await Promise.all(
            Array.from({ length: 8 }, (_, i) =>
              outbox.claimDue(i % 2 === 0 ? db : other.db, T, 60_000, 7),
            ),
          );
          ids.push(...claims.flat().map((r) => r.id));
        }
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBe(40);
      } finally {
        await other.close();
      }
    });
  });

  describe("the queue of reset requests", () => {
    it("gives each request to one worker, whatever the concurrency", async () => {
      // The test app's own worker would take some too: only the two workers here.
      await t.dispatcher.stop();
      for (let i = 0; i < 20; i++) {
        await resetRequests.insertResetRequest(db, {
          kind: "connect",
          nirHashes: null,
          birthDate: null,
          email: `q${i}@example.fr`,
          requestId: `r${i}`,
          client: "127.0.0.1",
          createdAt: T,
        });
      }
      expect(await resetRequests.anyResetRequest(db)).toBe(true);
      const other = anotherInstance(t);
      try {
        const emails: Array<string | null | undefined> = [];
        for (let wave = 0; wave < 20 && (await resetRequests.anyResetRequest(db)); wave++) {
          const taken = await Promise.all(
            Array.from({ length: 10 }, (_, i) =>
              (i % 2 === 0 ? db : other.db).transaction((tx) => resetRequests.takeOldest(tx)),
            ),
          );
          emails.push(...taken.filter(Boolean).map((r) => r?.email));
        }
        expect(new Set(emails).size).toBe(20);
        expect(emails).toHaveLength(20);
      } finally {
        await other.close();
      }
      expect(await resetRequests.anyResetRequest(db)).toBe(false);
    });
  });

  describe("races the rules rely on", () => {
    it("caps notices at 3 a day under 10 parallel transactions", async () => {
      const memberId = await accounts.insertMember(
        db,
        newMember("race-1", { contactEmail: "race-1@example.fr" }),
      );
      const message = () =>
        migrationConfirmedEmail({ to: "race-1@example.fr", firstName: "R", publicUrl: "http://x" });
      const sent = await Promise.all(
        Array.from({ length: 10 }, () =>
          db.transaction((tx) => notify(t.ctx, tx, memberAccount(memberId), "lock", message)),
        ),
      );
      expect(sent.filter(Boolean)).toHaveLength(3);
    });

    it("lets an Espace try 10 different addresses an hour, not 11, under 15 parallel tries", async () => {
      const memberId = await accounts.insertMember(db, newMember("race-2"));
      const tries = await Promise.allSettled(
        Array.from({ length: 15 }, (_, i) =>
          db.transaction((tx) => rationWizardAddress(t.ctx, tx, memberId, `try-${i}@example.fr`)),
        ),
      );
      expect(tries.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    });

    it("lets exactly one of three Espaces validating one address win, in parallel", async () => {
      const ids = await Promise.all(
        ["race-3a", "race-3b", "race-3c"].map((nir) =>
          accounts.insertMember(db, newMember(nir, { passwordHash: "h" })),
        ),
      );
      const tokens: string[] = [];
      for (const id of ids) {
        const member = (await accounts.memberById(db, id)) as Member;
        await requestValidation(t.ctx, SYSTEM_CALLER, member, {
          email: "disputed@example.fr",
          passwordHash: "h",
          secretQuestionId: "pet",
          secretAnswerHash: "a",
        });
        const link = await db.get<{ id: number }>(
          sql`SELECT id FROM link_tokens WHERE member_id = ${id} AND purpose = 'email_validation'`,
        );
        expect(link).toBeDefined();
      }
      // The links' tokens are not stored: issue fresh ones to open, as the member would click.
      for (const id of ids) {
        const url = await db.transaction((tx) =>
          issueLink(
            t.ctx,
            tx,
            "email_validation",
            { memberId: id },
            Date.now(),
            "disputed@example.fr",
          ),
        );
        tokens.push(tokenFromFragment(new URL(url).hash));
      }
      const outcomes = await Promise.allSettled(
        tokens.map((token) => confirmValidation(t.ctx, SYSTEM_CALLER, token, null)),
      );
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      for (const o of outcomes) {
        if (o.status === "rejected") expect(o.reason.code).toMatch(/^(EMAIL_TAKEN|TOKEN_INVALID)$/);
      }
      const owners = await db.all<{ id: number }>(
        sql`SELECT members.id FROM members JOIN identities ON identities.id = members.identity_id
            WHERE identities.email = 'disputed@example.fr'`,
      );
      expect(owners).toHaveLength(1);
    });
  });
});

describe("the two schemas", () => {
  let sqlite: TestApp;
  let postgres: TestApp;
  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([
      createTestApp({ engine: "sqlite", seed: false }),
      createTestApp({ engine: "postgres", seed: false }),
    ]);
  });
  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  it("have the same tables, columns, nullability and unique constraints", async () => {
    type Column = { table: string; column: string; notNull: boolean };
    const sqliteColumns: Column[] = [];
    const sqliteUniques: string[] = [];
    const tables = await sqlite.db.all<{ name: string }>(
      sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name`,
    );
    for (const { name } of tables) {
      const info = await sqlite.db.all<{ name: string; notnull: number; pk: number }>(
        sql`SELECT name, "notnull", pk FROM pragma_table_info(${name})`,
      );
      for (const c of info)
        sqliteColumns.push({ table: name, column: c.name, notNull: c.notnull === 1 || c.pk > 0 });
      const indexes = await sqlite.db.all<{ name: string; unique: number; origin: string }>(
        sql`SELECT name, "unique", origin FROM pragma_index_list(${name})`,
      );
      for (const index of indexes.filter((i) => i.unique === 1)) {
        const cols = await sqlite.db.all<{ name: string }>(
          sql`SELECT name FROM pragma_index_info(${index.name})`,
        );
        sqliteUniques.push(`${name}(${cols.map((c) => c.name).join(",")})`);
      }
      const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      if (pk.length > 0 && !sqliteUniques.includes(`${name}(${pk.map((c) => c.name).join(",")})`)) {
        sqliteUniques.push(`${name}(${pk.map((c) => c.name).join(",")})`);
      }
    }
    const pgColumns = (
      await postgres.db.all<{ tableName: string; columnName: string; isNullable: string }>(
        sql`SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
      )
    ).map((c) => ({ table: c.tableName, column: c.columnName, notNull: c.isNullable === "NO" }));
    const pgUniques = (
      await postgres.db.all<{ tableName: string; columns: string }>(
        sql`SELECT tc.table_name, string_agg(kcu.column_name, ',' ORDER BY kcu.ordinal_position) AS columns
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
              AND kcu.table_schema = tc.table_schema
            WHERE tc.table_schema = 'public' AND tc.constraint_type IN ('UNIQUE', 'PRIMARY KEY')
            GROUP BY tc.constraint_name, tc.table_name`,
      )
    ).map((u) => `${u.tableName}(${u.columns})`);
    const sorted = (columns: Column[]) =>
      [...columns].map((c) => `${c.table}.${c.column}${c.notNull ? " NOT NULL" : ""}`).sort();
    expect(sorted(pgColumns)).toEqual(sorted(sqliteColumns));
    expect([...pgUniques].sort()).toEqual([...sqliteUniques].sort());
  });
});
