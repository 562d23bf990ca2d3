import { sql } from "drizzle-orm";
import type { Executor } from "../db/engine";
import type { SessionKind } from "../db/vocabulary";
import type { Member, Session } from "./rows";

/** Server-side sessions, found by the keyed hash of the cookie's value. */

export async function insertSession(
  x: Executor,
  session: {
    idHash: string;
    keyId: number;
    kind: SessionKind;
    memberId: number;
    now: number;
    expiresAt: number;
  },
): Promise<void> {
  await x.run(
    sql`INSERT INTO sessions (id_hash, key_id, kind, member_id, created_at, last_seen_at, expires_at)
        VALUES (${session.idHash}, ${session.keyId}, ${session.kind}, ${session.memberId}, ${session.now},
          ${session.now}, ${session.expiresAt})`,
  );
}

/**
 * The columns of an Espace that the requests of a session read: not its NIR hash, nor its
 * password hash, nor the rest of a wide row. Read on every request that carries a session
 * cookie, so every column counts (a row of every column cost more than the look-up
 * itself); whatever needs more reads the row anew, locked, in its transaction.
 */
export type SessionMember = Pick<
  Member,
  "id" | "firstName" | "lastName" | "birthDate" | "contactEmail" | "identityId" | "migratedAt"
>;

/** A session, its Espace and, once migrated, its identity's address: one statement. */
export type SessionView = { session: Session; member: SessionMember; identityEmail: string | null };

type Joined = {
  sIdHash: string;
  sKeyId: number;
  sKind: SessionKind;
  sMemberId: number;
  sCreatedAt: number;
  sLastSeenAt: number;
  sExpiresAt: number;
  sWizardEmail: string | null;
  sWizardNext: "create" | "link" | null;
  mId: number;
  mFirstName: string;
  mLastName: string;
  mBirthDate: string;
  mContactEmail: string | null;
  mIdentityId: number | null;
  mMigratedAt: number | null;
  identityEmail: string | null;
};

export async function sessionView(x: Executor, idHash: string): Promise<SessionView | undefined> {
  // Named columns, each built into its object below: no `members.*` (see SessionMember).
  const row = await x.get<Joined>(
    sql`SELECT sessions.id_hash AS s_id_hash, sessions.key_id AS s_key_id, sessions.kind AS s_kind,
          sessions.member_id AS s_member_id, sessions.created_at AS s_created_at,
          sessions.last_seen_at AS s_last_seen_at, sessions.expires_at AS s_expires_at,
          sessions.wizard_email AS s_wizard_email, sessions.wizard_next AS s_wizard_next,
          members.id AS m_id, members.first_name AS m_first_name, members.last_name AS m_last_name,
          members.birth_date AS m_birth_date, members.contact_email AS m_contact_email,
          members.identity_id AS m_identity_id, members.migrated_at AS m_migrated_at,
          identities.email AS identity_email
        FROM sessions
        JOIN members ON members.id = sessions.member_id
        LEFT JOIN identities ON identities.id = members.identity_id
        WHERE sessions.id_hash = ${idHash}`,
  );
  if (!row) return undefined;
  return {
    session: {
      idHash: row.sIdHash,
      keyId: row.sKeyId,
      kind: row.sKind,
      memberId: row.sMemberId,
      createdAt: row.sCreatedAt,
      lastSeenAt: row.sLastSeenAt,
      expiresAt: row.sExpiresAt,
      wizardEmail: row.sWizardEmail,
      wizardNext: row.sWizardNext,
    },
    member: {
      id: row.mId,
      firstName: row.mFirstName,
      lastName: row.mLastName,
      birthDate: row.mBirthDate,
      contactEmail: row.mContactEmail,
      identityId: row.mIdentityId,
      migratedAt: row.mMigratedAt,
    },
    identityEmail: row.identityEmail,
  };
}

export async function touchSession(x: Executor, idHash: string, now: number): Promise<void> {
  await x.run(sql`UPDATE sessions SET last_seen_at = ${now} WHERE id_hash = ${idHash}`);
}

export async function deleteSession(x: Executor, idHash: string): Promise<void> {
  await x.run(sql`DELETE FROM sessions WHERE id_hash = ${idHash}`);
}

/** Ends the Espace's sessions (of one kind, when given), but `except`; how many ended. */
export async function deleteMemberSessions(
  x: Executor,
  memberId: number,
  options: { except?: string | null; kind?: SessionKind } = {},
): Promise<number> {
  const except = options.except ? sql` AND id_hash <> ${options.except}` : sql``;
  const kind = options.kind ? sql` AND kind = ${options.kind}` : sql``;
  return x.run(sql`DELETE FROM sessions WHERE member_id = ${memberId}${except}${kind}`);
}

/** Deletes sessions past their absolute limit or idle past their kind's limit. */
export async function deleteExpiredSessions(
  x: Executor,
  now: number,
  idleMs: Record<SessionKind, number>,
): Promise<number> {
  return x.run(
    sql`DELETE FROM sessions WHERE expires_at <= ${now}
        OR (kind = 'migration' AND last_seen_at <= ${now - idleMs.migration})
        OR (kind = 'member' AND last_seen_at <= ${now - idleMs.member})`,
  );
}

/** The wizard's progress on one session: the address chosen at step 1 and what step 2 is. */
export async function setWizardChoice(
  x: Executor,
  idHash: string,
  email: string,
  next: "create" | "link",
): Promise<void> {
  await x.run(
    sql`UPDATE sessions SET wizard_email = ${email}, wizard_next = ${next} WHERE id_hash = ${idHash}`,
  );
}

/** Every session of the Espace starts the wizard again at step 1. */
export async function clearWizardChoices(x: Executor, memberId: number): Promise<void> {
  await x.run(
    sql`UPDATE sessions SET wizard_email = NULL, wizard_next = NULL WHERE member_id = ${memberId}`,
  );
}
