import { memberNameKey } from "@mgen/contracts/rules";
import { sql } from "drizzle-orm";
import type { Executor, Tx } from "../db/engine";

/**
 * The legacy import's reads and writes, by batch: the rows of a batch are matched in one
 * statement (NIR keyed hashes, or addresses) and the new ones inserted together
 * (`Tx.insertMany`), in the batch's transaction (ADR 020).
 */

export type MemberMatch = {
  id: number;
  nirHash: string;
  identityId: number | null;
  importFingerprint: string | null;
  passwordImported: number;
  /** 1 when the Espace has a password (imported or set here). */
  hasPassword: number;
};

export async function membersByNirHashes(x: Executor, nirHashes: string[]): Promise<MemberMatch[]> {
  if (nirHashes.length === 0) return [];
  return x.all<MemberMatch>(
    sql`SELECT id, nir_hash, identity_id, import_fingerprint, password_imported,
          CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END AS has_password FROM members
        WHERE nir_hash IN (${x.texts(nirHashes)})`,
  );
}

export type ImportedMember = {
  nirHash: string;
  nirKeyId: number;
  nirVisible: string;
  birthDate: string;
  firstName: string;
  lastName: string;
  contactEmail: string | null;
  passwordHash: string | null;
  failedAttempts: number;
  lockedAt: number | null;
  importFingerprint: string;
};

const MEMBER_COLUMNS = [
  "nir_hash",
  "nir_key_id",
  "nir_visible",
  "birth_date",
  "first_name",
  "last_name",
  "name_key",
  "contact_email",
  "password_hash",
  "failed_attempts",
  "locked_at",
  "import_fingerprint",
  "password_imported",
  "created_at",
] as const;

export async function insertImportedMembers(
  tx: Tx,
  rows: ImportedMember[],
  now: number,
): Promise<void> {
  await tx.insertMany(
    "members",
    MEMBER_COLUMNS,
    rows.map((r) => [
      r.nirHash,
      r.nirKeyId,
      r.nirVisible,
      r.birthDate,
      r.firstName,
      r.lastName,
      memberNameKey(r.lastName, r.firstName),
      r.contactEmail,
      r.passwordHash,
      r.failedAttempts,
      r.lockedAt,
      r.importFingerprint,
      r.passwordHash === null ? 0 : 1,
      now,
    ]),
  );
}

/**
 * A changed export row: the Espace's identity data, and its password while the password
 * is still the imported one (one changed in this application is kept). The live state
 * (failed attempts, lock) stays the application's. Nothing is written to an Espace that
 * migrated meanwhile: false then.
 */
export async function updateImportedMember(
  x: Executor,
  id: number,
  row: ImportedMember,
  withPassword: boolean,
): Promise<boolean> {
  const password = withPassword
    ? sql`, password_hash = ${row.passwordHash}, password_imported = ${row.passwordHash === null ? 0 : 1}`
    : sql``;
  const changed = await x.run(
    sql`UPDATE members SET nir_hash = ${row.nirHash}, nir_key_id = ${row.nirKeyId}, nir_visible = ${row.nirVisible},
          birth_date = ${row.birthDate}, first_name = ${row.firstName}, last_name = ${row.lastName},
          name_key = ${memberNameKey(row.lastName, row.firstName)},
          contact_email = ${row.contactEmail}, import_fingerprint = ${row.importFingerprint}${password}
        WHERE id = ${id} AND identity_id IS NULL`,
  );
  return changed > 0;
}

export type IdentityMatch = {
  id: number;
  email: string;
  memberId: number | null;
  importFingerprint: string | null;
  passwordImported: number;
  hasPassword: number;
};

export async function identitiesByEmails(x: Executor, emails: string[]): Promise<IdentityMatch[]> {
  if (emails.length === 0) return [];
  return x.all<IdentityMatch>(
    sql`SELECT identities.id, identities.email, members.id AS member_id, identities.import_fingerprint,
          identities.password_imported, 1 AS has_password
        FROM identities LEFT JOIN members ON members.identity_id = identities.id
        WHERE identities.email IN (${x.texts(emails)})`,
  );
}

export type ImportedIdentity = {
  email: string;
  passwordHash: string;
  validatedAt: number | null;
  lockedAt: number | null;
  failedAttempts: number;
  importFingerprint: string;
};

const IDENTITY_COLUMNS = [
  "email",
  "password_hash",
  "validated_at",
  "failed_attempts",
  "locked_at",
  "import_fingerprint",
  "password_imported",
  "created_at",
] as const;

export async function insertImportedIdentities(
  tx: Tx,
  rows: ImportedIdentity[],
  now: number,
): Promise<void> {
  await tx.insertMany(
    "identities",
    IDENTITY_COLUMNS,
    rows.map((r) => [
      r.email,
      r.passwordHash,
      r.validatedAt,
      r.failedAttempts,
      r.lockedAt,
      r.importFingerprint,
      1,
      now,
    ]),
  );
}

/**
 * A changed directory row for an identity linked to no Espace: its password while still
 * the imported one, and its validation (never taken back: the application may have
 * validated it); its lock stays the application's.
 */
export async function updateImportedIdentity(
  x: Executor,
  id: number,
  row: ImportedIdentity,
  withPassword: boolean,
): Promise<boolean> {
  const password = withPassword
    ? sql`, password_hash = ${row.passwordHash}, password_imported = 1`
    : sql``;
  const changed = await x.run(
    sql`UPDATE identities SET validated_at = coalesce(validated_at, ${row.validatedAt}),
          import_fingerprint = ${row.importFingerprint}${password}
        WHERE id = ${id} AND NOT EXISTS (SELECT 1 FROM members WHERE members.identity_id = ${id})`,
  );
  return changed > 0;
}

/**
 * The advisers' search indexes on Espaces (the schemas' `members_name_key` and
 * `members_contact_email`): dropped for a first load into an empty table and built again
 * at its end, in one pass over sorted keys rather than one random insert per row.
 */
export async function dropSearchIndexes(x: Executor): Promise<void> {
  await x.run(sql`DROP INDEX IF EXISTS members_name_key`);
  await x.run(sql`DROP INDEX IF EXISTS members_contact_email`);
}

export async function createSearchIndexes(x: Executor): Promise<void> {
  await x.run(sql`CREATE INDEX IF NOT EXISTS members_name_key ON members (name_key, birth_date)`);
  await x.run(sql`CREATE INDEX IF NOT EXISTS members_contact_email ON members (contact_email)`);
}
