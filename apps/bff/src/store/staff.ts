import { sql } from "drizzle-orm";
import type { Executor } from "../db/engine";
import type { StaffAction, StaffRole, StaffSessionStage } from "../db/vocabulary";
import type { StaffAccount, StaffAuditRow, StaffSession } from "./rows";

/** Staff accounts, their sessions and the append-only audit (OPERATIONS.md §2). */

export async function insertStaff(
  x: Executor,
  s: {
    email: string;
    name: string;
    role: StaffRole;
    totpSealed: string;
    enrolmentHash: string;
    enrolmentExpiresAt: number;
    createdAt: number;
  },
): Promise<number> {
  const row = await x.get<{ id: number }>(
    sql`INSERT INTO staff_accounts (email, name, role, totp_sealed, enrolment_hash, enrolment_expires_at, created_at)
        VALUES (${s.email}, ${s.name}, ${s.role}, ${s.totpSealed}, ${s.enrolmentHash}, ${s.enrolmentExpiresAt}, ${s.createdAt})
        RETURNING id`,
  );
  if (!row) throw new Error("staff account not inserted");
  return row.id;
}

/** Is there any staff account? */
export async function anyStaff(x: Executor): Promise<boolean> {
  return (await x.get(sql`SELECT id FROM staff_accounts LIMIT 1`)) !== undefined;
}

export function staffByEmail(x: Executor, email: string): Promise<StaffAccount | undefined> {
  return x.get<StaffAccount>(sql`SELECT * FROM staff_accounts WHERE email = ${email}`);
}

export function staffById(x: Executor, id: number): Promise<StaffAccount | undefined> {
  return x.get<StaffAccount>(sql`SELECT * FROM staff_accounts WHERE id = ${id}`);
}

/** The account an enrolment link opens: not yet enrolled, link not expired. */
export function staffByEnrolment(
  x: Executor,
  enrolmentHash: string,
  now: number,
): Promise<StaffAccount | undefined> {
  return x.get<StaffAccount>(
    sql`SELECT * FROM staff_accounts
        WHERE enrolment_hash = ${enrolmentHash} AND enrolment_expires_at > ${now} AND password_hash IS NULL`,
  );
}

/** A new enrolment link (and TOTP secret) for an existing account: its password goes. */
export async function renewEnrolment(
  x: Executor,
  id: number,
  s: { totpSealed: string; enrolmentHash: string; enrolmentExpiresAt: number },
): Promise<void> {
  await x.run(
    sql`UPDATE staff_accounts SET password_hash = NULL, totp_sealed = ${s.totpSealed}, totp_last_step = 0,
          enrolment_hash = ${s.enrolmentHash}, enrolment_expires_at = ${s.enrolmentExpiresAt}, enrolled_at = NULL,
          failed_attempts = 0, locked_at = NULL
        WHERE id = ${id}`,
  );
}

/** Spends the enrolment link (single use): false when another request spent it first. */
export async function completeEnrolment(
  x: Executor,
  id: number,
  enrolmentHash: string,
  passwordHash: string,
  step: number,
  now: number,
): Promise<boolean> {
  const changed = await x.run(
    sql`UPDATE staff_accounts SET password_hash = ${passwordHash}, totp_last_step = ${step},
          enrolment_hash = NULL, enrolment_expires_at = NULL, enrolled_at = ${now}
        WHERE id = ${id} AND enrolment_hash = ${enrolmentHash} AND password_hash IS NULL`,
  );
  return changed > 0;
}

/**
 * Reserves one attempt (a password or a code) before it is checked, by one conditional
 * UPDATE: the new count, or undefined when the account is locked or its 5 are spent.
 */
export async function reserveStaffAttempt(
  x: Executor,
  id: number,
  max: number,
): Promise<number | undefined> {
  const row = await x.get<{ failedAttempts: number }>(
    sql`UPDATE staff_accounts SET failed_attempts = failed_attempts + 1
        WHERE id = ${id} AND locked_at IS NULL AND failed_attempts < ${max}
        RETURNING failed_attempts`,
  );
  return row?.failedAttempts;
}

export async function lockStaff(x: Executor, id: number, now: number): Promise<void> {
  await x.run(
    sql`UPDATE staff_accounts SET locked_at = ${now} WHERE id = ${id} AND locked_at IS NULL`,
  );
}

/** A right password gives back the attempt it reserved: only failures count. */
export async function releaseStaffAttempt(x: Executor, id: number): Promise<void> {
  await x.run(
    sql`UPDATE staff_accounts SET failed_attempts = failed_attempts - 1
        WHERE id = ${id} AND failed_attempts > 0`,
  );
}

export async function resetStaffAttempts(x: Executor, id: number): Promise<void> {
  await x.run(sql`UPDATE staff_accounts SET failed_attempts = 0 WHERE id = ${id}`);
}

export async function unlockStaff(x: Executor, id: number): Promise<boolean> {
  const changed = await x.run(
    sql`UPDATE staff_accounts SET failed_attempts = 0, locked_at = NULL
        WHERE id = ${id} AND (locked_at IS NOT NULL OR failed_attempts > 0)`,
  );
  return changed > 0;
}

/** Accepts TOTP time step `step` once: false when it, or a later one, was accepted already. */
export async function acceptTotpStep(x: Executor, id: number, step: number): Promise<boolean> {
  const changed = await x.run(
    sql`UPDATE staff_accounts SET totp_last_step = ${step} WHERE id = ${id} AND totp_last_step < ${step}`,
  );
  return changed > 0;
}

// ---------------------------------------------------------------- sessions

export async function insertStaffSession(
  x: Executor,
  s: {
    idHash: string;
    keyId: number;
    staffId: number;
    stage: StaffSessionStage;
    now: number;
    expiresAt: number;
  },
): Promise<void> {
  await x.run(
    sql`INSERT INTO staff_sessions (id_hash, key_id, staff_id, stage, created_at, last_seen_at, expires_at)
        VALUES (${s.idHash}, ${s.keyId}, ${s.staffId}, ${s.stage}, ${s.now}, ${s.now}, ${s.expiresAt})`,
  );
}

export type StaffSessionView = {
  session: StaffSession;
  staff: Pick<StaffAccount, "id" | "email" | "name" | "role" | "lockedAt">;
};

export async function staffSessionView(
  x: Executor,
  idHash: string,
): Promise<StaffSessionView | undefined> {
  const row = await x.get<
    StaffSession & { email: string; name: string; role: StaffRole; lockedAt: number | null }
  >(
    sql`SELECT s.*, a.email, a.name, a.role, a.locked_at
        FROM staff_sessions s JOIN staff_accounts a ON a.id = s.staff_id
        WHERE s.id_hash = ${idHash}`,
  );
  if (!row) return undefined;
  const { email, name, role, lockedAt, ...session } = row;
  return { session, staff: { id: session.staffId, email, name, role, lockedAt } };
}

export async function touchStaffSession(x: Executor, idHash: string, now: number): Promise<void> {
  await x.run(sql`UPDATE staff_sessions SET last_seen_at = ${now} WHERE id_hash = ${idHash}`);
}

export async function deleteStaffSession(x: Executor, idHash: string): Promise<void> {
  await x.run(sql`DELETE FROM staff_sessions WHERE id_hash = ${idHash}`);
}

export async function deleteStaffSessionsOf(x: Executor, staffId: number): Promise<number> {
  return x.run(sql`DELETE FROM staff_sessions WHERE staff_id = ${staffId}`);
}

export async function deleteAllStaffSessions(x: Executor): Promise<void> {
  await x.run(sql`DELETE FROM staff_sessions`);
}

export async function deleteExpiredStaffSessions(
  x: Executor,
  now: number,
  idleMs: number,
): Promise<number> {
  return x.run(
    sql`DELETE FROM staff_sessions WHERE expires_at <= ${now} OR last_seen_at <= ${now - idleMs}`,
  );
}

// ---------------------------------------------------------------- audit

export type NewAuditRow = Omit<StaffAuditRow, "id">;

export async function insertAudit(x: Executor, row: NewAuditRow): Promise<void> {
  await x.run(
    sql`INSERT INTO staff_audit (at, staff_id, action, subject, member_id, reason, outcome, request_id)
        VALUES (${row.at}, ${row.staffId}, ${row.action}, ${row.subject}, ${row.memberId}, ${row.reason},
          ${row.outcome}, ${row.requestId})`,
  );
}

export type AuditLine = StaffAuditRow & { staffEmail: string | null; staffName: string | null };

/** A page of the audit, newest first, `before` an id (the cursor of the previous page). */
export function auditPage(
  x: Executor,
  filter: { staffEmail?: string; memberId?: number; action?: StaffAction },
  limit: number,
  before: number | null,
): Promise<AuditLine[]> {
  const where = [sql`1 = 1`];
  if (filter.staffEmail !== undefined) where.push(sql`a.email = ${filter.staffEmail}`);
  if (filter.memberId !== undefined) where.push(sql`l.member_id = ${filter.memberId}`);
  if (filter.action !== undefined) where.push(sql`l.action = ${filter.action}`);
  if (before !== null) where.push(sql`l.id < ${before}`);
  return x.all<AuditLine>(
    sql`SELECT l.*, a.email AS staff_email, a.name AS staff_name
        FROM staff_audit l LEFT JOIN staff_accounts a ON a.id = l.staff_id
        WHERE ${sql.join(where, sql` AND `)}
        ORDER BY l.id DESC LIMIT ${limit}`,
  );
}

// ---------------------------------------------------------------- finding members

const FOUND_LIMIT = 50;

/** Espaces whose contact address, or whose identity's address, is `email`. */
export function membersByAddress(x: Executor, email: string): Promise<{ id: number }[]> {
  return x.all<{ id: number }>(
    sql`SELECT id FROM members WHERE contact_email = ${email}
        UNION
        SELECT m.id FROM members m JOIN identities i ON i.id = m.identity_id WHERE i.email = ${email}
        ORDER BY id LIMIT ${FOUND_LIMIT}`,
  );
}

/**
 * Espaces whose name key starts with `prefix` (a range on the index: "~" sorts after
 * every character a key holds, bytewise on both engines — the PostgreSQL column is
 * COLLATE "C"), narrowed to a birth date when one is given.
 */
export function membersByNamePrefix(
  x: Executor,
  prefix: string,
  birthDate: string | null,
): Promise<{ id: number }[]> {
  const born = birthDate === null ? sql`` : sql` AND birth_date = ${birthDate}`;
  return x.all<{ id: number }>(
    sql`SELECT id FROM members
        WHERE name_key >= ${prefix} AND name_key < ${`${prefix}~`}${born}
        ORDER BY name_key, id LIMIT ${FOUND_LIMIT}`,
  );
}

/** What the console shows of Espaces, with their identity's address and what is under way. */
export type StaffMemberRow = {
  id: number;
  firstName: string;
  lastName: string;
  birthDate: string;
  nirVisible: string | null;
  contactEmail: string | null;
  hasPassword: number;
  lockedAt: number | null;
  identityId: number | null;
  identityEmail: string | null;
  identityLockedAt: number | null;
  migratedAt: number | null;
  createdAt: number;
  pendingEmail: string | null;
  pendingSince: number | null;
  /** Signed in by NIR at least once (the cockpit's "wizard started", store/funnel.ts). */
  inWizard: number;
};

export function staffMemberRows(x: Executor, ids: number[]): Promise<StaffMemberRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return x.all<StaffMemberRow>(
    sql`SELECT m.id, m.first_name, m.last_name, m.birth_date, m.nir_visible, m.contact_email,
          CASE WHEN m.password_hash IS NULL THEN 0 ELSE 1 END AS has_password,
          m.locked_at, m.identity_id, i.email AS identity_email, i.locked_at AS identity_locked_at,
          m.migrated_at, m.created_at, p.email AS pending_email, p.created_at AS pending_since,
          CASE WHEN m.wizard_started_at IS NOT NULL THEN 1 ELSE 0 END AS in_wizard
        FROM members m
        LEFT JOIN identities i ON i.id = m.identity_id
        LEFT JOIN pending_migrations p ON p.member_id = m.id
        WHERE m.id IN (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
}

export function updateContactEmail(x: Executor, memberId: number, email: string): Promise<number> {
  return x.run(sql`UPDATE members SET contact_email = ${email} WHERE id = ${memberId}`);
}

/** The security events of an Espace and of its identity, newest first. */
export function timelineOf(
  x: Executor,
  memberId: number,
  identityId: number | null,
  limit: number,
): Promise<{ at: number; event: string; channel: string }[]> {
  const identity = identityId === null ? sql`` : sql` OR identity_id = ${identityId}`;
  return x.all(
    sql`SELECT at, event, channel FROM security_events
        WHERE member_id = ${memberId}${identity}
        ORDER BY at DESC, id DESC LIMIT ${limit}`,
  );
}

/** The demo's staff accounts, enrolled already (development seed only): created or reset. */
export async function upsertEnrolledStaff(
  x: Executor,
  s: {
    email: string;
    name: string;
    role: StaffRole;
    passwordHash: string;
    totpSealed: string;
    now: number;
  },
): Promise<void> {
  await x.run(
    sql`INSERT INTO staff_accounts (email, name, role, password_hash, totp_sealed, enrolled_at, created_at)
        VALUES (${s.email}, ${s.name}, ${s.role}, ${s.passwordHash}, ${s.totpSealed}, ${s.now}, ${s.now})
        ON CONFLICT (email) DO UPDATE SET name = excluded.name, role = excluded.role,
          password_hash = excluded.password_hash, totp_sealed = excluded.totp_sealed, totp_last_step = 0,
          enrolment_hash = NULL, enrolment_expires_at = NULL, enrolled_at = excluded.enrolled_at,
          failed_attempts = 0, locked_at = NULL`,
  );
}
