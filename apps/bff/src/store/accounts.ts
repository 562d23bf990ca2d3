import { memberNameKey } from "@mgen/contracts/rules";
import { sql } from "drizzle-orm";
import type { Executor, Tx } from "../db/engine";
import type { AccountKind } from "../db/vocabulary";
import type { Identity, Member } from "./rows";

/** Espaces (`members`) and MGEN Connect identities: look-ups and the changes of their rows. */

export async function memberByNirHash(x: Executor, nirHash: string): Promise<Member | undefined> {
  return x.get<Member>(sql`SELECT * FROM members WHERE nir_hash = ${nirHash}`);
}

export async function memberById(x: Executor, id: number): Promise<Member | undefined> {
  return x.get<Member>(sql`SELECT * FROM members WHERE id = ${id}`);
}

export async function memberOfIdentity(
  x: Executor,
  identityId: number,
): Promise<Member | undefined> {
  return x.get<Member>(sql`SELECT * FROM members WHERE identity_id = ${identityId}`);
}

export async function identityByEmail(x: Executor, email: string): Promise<Identity | undefined> {
  return x.get<Identity>(sql`SELECT * FROM identities WHERE email = ${email}`);
}

export async function identityById(x: Executor, id: number): Promise<Identity | undefined> {
  return x.get<Identity>(sql`SELECT * FROM identities WHERE id = ${id}`);
}

/**
 * Reads an Espace and locks its row until the end of the transaction (PostgreSQL; SQLite
 * transactions are serialised). Every transaction that changes an Espace's state takes
 * this lock first, then its identity's: concurrent ones queue, in one order (no deadlock).
 */
export async function lockMember(tx: Tx, id: number): Promise<Member | undefined> {
  return tx.get<Member>(sql`SELECT * FROM members WHERE id = ${id}${tx.forUpdate}`);
}

export async function lockIdentity(tx: Tx, id: number): Promise<Identity | undefined> {
  return tx.get<Identity>(sql`SELECT * FROM identities WHERE id = ${id}${tx.forUpdate}`);
}

/** Locks the row of an Espace or an identity, whichever `kind` says. */
export async function lockAccount(tx: Tx, kind: AccountKind, id: number): Promise<void> {
  if (kind === "member") await lockMember(tx, id);
  else await lockIdentity(tx, id);
}

export async function rekeyMember(
  x: Executor,
  id: number,
  nirHash: string,
  keyId: number,
): Promise<void> {
  await x.run(
    sql`UPDATE members SET nir_hash = ${nirHash}, nir_key_id = ${keyId} WHERE id = ${id}`,
  );
}

export async function bumpMemberEpoch(x: Executor, id: number): Promise<void> {
  await x.run(sql`UPDATE members SET credential_epoch = credential_epoch + 1 WHERE id = ${id}`);
}

export async function bumpIdentityEpoch(x: Executor, id: number): Promise<void> {
  await x.run(sql`UPDATE identities SET credential_epoch = credential_epoch + 1 WHERE id = ${id}`);
}

/** The Espace's new legacy password (set in this application), if it has not migrated meanwhile. */
export async function setMemberPassword(
  x: Executor,
  id: number,
  passwordHash: string,
): Promise<boolean> {
  const changed = await x.run(
    sql`UPDATE members SET password_hash = ${passwordHash}, password_imported = 0
        WHERE id = ${id} AND identity_id IS NULL`,
  );
  return changed > 0;
}

/**
 * The same password, hashed anew (argon2id at the configured cost) in place of `old`:
 * nothing happens if the hash changed meanwhile. The legacy hash is gone with it.
 */
export async function replacePasswordHash(
  x: Executor,
  kind: AccountKind,
  id: number,
  old: string,
  rehashed: string,
): Promise<void> {
  const table = kind === "member" ? sql`members` : sql`identities`;
  await x.run(
    sql`UPDATE ${table} SET password_hash = ${rehashed} WHERE id = ${id} AND password_hash = ${old}`,
  );
}

/** The identity's new password; the address counts as validated from then on. */
export async function setIdentityPassword(
  x: Executor,
  id: number,
  passwordHash: string,
  now: number,
): Promise<void> {
  await x.run(
    sql`UPDATE identities SET password_hash = ${passwordHash}, password_imported = 0,
          validated_at = coalesce(validated_at, ${now})
        WHERE id = ${id}`,
  );
}

export type NewIdentity = {
  email: string;
  passwordHash: string;
  secretQuestionId: string | null;
  secretAnswerHash: string | null;
  validatedAt: number | null;
  failedAttempts?: number;
  lockedAt?: number | null;
  createdAt: number;
  importFingerprint?: string | null;
  passwordImported?: number;
};

export async function insertIdentity(x: Executor, identity: NewIdentity): Promise<number> {
  const row = await x.get<{ id: number }>(
    sql`INSERT INTO identities (email, password_hash, secret_question_id, secret_answer_hash, validated_at,
          failed_attempts, locked_at, created_at, import_fingerprint, password_imported)
        VALUES (${identity.email}, ${identity.passwordHash}, ${identity.secretQuestionId},
          ${identity.secretAnswerHash}, ${identity.validatedAt}, ${identity.failedAttempts ?? 0},
          ${identity.lockedAt ?? null}, ${identity.createdAt}, ${identity.importFingerprint ?? null},
          ${identity.passwordImported ?? 0})
        RETURNING id`,
  );
  if (!row) throw new Error("identity not inserted");
  return row.id;
}

export type NewMember = {
  nirHash: string;
  nirKeyId: number;
  birthDate: string;
  firstName: string;
  lastName: string;
  contactEmail: string | null;
  passwordHash: string | null;
  failedAttempts: number;
  lockedAt: number | null;
  identityId: number | null;
  migratedAt: number | null;
  migratedBy?: "contact_email" | "other_address" | "link" | null;
  wizardStartedAt?: number | null;
  createdAt: number;
  nirVisible?: string | null;
  importFingerprint?: string | null;
  passwordImported?: number;
};

export async function insertMember(x: Executor, member: NewMember): Promise<number> {
  const row = await x.get<{ id: number }>(
    sql`INSERT INTO members (nir_hash, nir_key_id, birth_date, first_name, last_name, contact_email,
          password_hash, failed_attempts, locked_at, identity_id, migrated_at, created_at, nir_visible,
          import_fingerprint, password_imported, name_key, migrated_by, wizard_started_at)
        VALUES (${member.nirHash}, ${member.nirKeyId}, ${member.birthDate}, ${member.firstName},
          ${member.lastName}, ${member.contactEmail}, ${member.passwordHash}, ${member.failedAttempts},
          ${member.lockedAt}, ${member.identityId}, ${member.migratedAt}, ${member.createdAt},
          ${member.nirVisible ?? null}, ${member.importFingerprint ?? null}, ${member.passwordImported ?? 0},
          ${memberNameKey(member.lastName, member.firstName)}, ${member.migratedBy ?? null},
          ${member.wizardStartedAt ?? null})
        RETURNING id`,
  );
  if (!row) throw new Error("member not inserted");
  return row.id;
}

/**
 * Links the Espace to its identity and closes its NIR sign-in, its count of failures
 * starting again; undefined when it had migrated already.
 */
export async function markMigrated(
  x: Executor,
  memberId: number,
  identityId: number,
  path: "contact_email" | "other_address" | "link",
  now: number,
): Promise<Member | undefined> {
  return x.get<Member>(
    sql`UPDATE members SET identity_id = ${identityId}, migrated_at = ${now}, migrated_by = ${path}, failed_attempts = 0, locked_at = NULL
        WHERE id = ${memberId} AND identity_id IS NULL
        RETURNING *`,
  );
}

/** What an address is today: the identity that holds it and the Espace it is linked to. */
export async function addressHolder(
  x: Executor,
  email: string,
): Promise<{ id: number; linkedTo: number | null } | undefined> {
  return x.get(
    sql`SELECT identities.id AS id, members.id AS linked_to FROM identities
        LEFT JOIN members ON members.identity_id = identities.id
        WHERE identities.email = ${email}`,
  );
}
