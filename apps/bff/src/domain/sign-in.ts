import { and, eq, isNull, sql } from "drizzle-orm";
import { type Identity, identities, type Member, members } from "../db/schema";
import type { DomainContext } from "./context";
import { nirHash } from "./crypto";
import { AppError } from "./errors";
import { MAX_FAILED_ATTEMPTS } from "./locks";

/**
 * Sign-in rules of SPEC journey A. Every path does one argon2 verification, real or on a
 * decoy, so that the time taken does not tell a known NIR or address from an unknown one.
 * Failures are counted by one atomic UPDATE, so parallel attempts lock at exactly 5.
 */

export function findMemberByNir(ctx: DomainContext, nir: string): Member | undefined {
  return ctx.db
    .select()
    .from(members)
    .where(eq(members.nirHash, nirHash(ctx.config.nirPepper, nir)))
    .get();
}

/** NIR sign-in: returns the Espace that may open the migration wizard, or throws. */
export async function signInWithNir(
  ctx: DomainContext,
  nir: string,
  password: string,
): Promise<Member> {
  const { db, hasher } = ctx;
  const member = findMemberByNir(ctx, nir);
  if (!member) {
    await hasher.verifyNothing(password);
    throw new AppError("INVALID_CREDENTIALS");
  }
  if (member.identityId !== null) {
    // Said only to the holder of the old password: a NIR alone must not reveal that a
    // member exists and has migrated. The NIR never signs in again (invariant 3).
    const right = member.passwordHash
      ? await hasher.verify(member.passwordHash, password)
      : await hasher.verifyNothing(password);
    throw new AppError(right ? "ALREADY_MIGRATED" : "INVALID_CREDENTIALS");
  }
  if (member.passwordHash === null) {
    await hasher.verifyNothing(password);
    throw new AppError("NO_PASSWORD");
  }
  if (member.lockedAt !== null) {
    await hasher.verifyNothing(password);
    throw new AppError("ACCOUNT_LOCKED");
  }
  if (!(await hasher.verify(member.passwordHash, password))) {
    const counted = db
      .update(members)
      .set({
        failedAttempts: sql`${members.failedAttempts} + 1`,
        lockedAt: sql`CASE WHEN ${members.failedAttempts} + 1 >= ${MAX_FAILED_ATTEMPTS} THEN coalesce(${members.lockedAt}, ${ctx.now()}) ELSE ${members.lockedAt} END`,
      })
      .where(eq(members.id, member.id))
      .returning({ lockedAt: members.lockedAt })
      .get();
    throw new AppError(counted?.lockedAt != null ? "ACCOUNT_LOCKED" : "INVALID_CREDENTIALS");
  }
  // The right password resets the count, unless a lock landed while it was being checked.
  const reset = db
    .update(members)
    .set({ failedAttempts: 0 })
    .where(and(eq(members.id, member.id), isNull(members.lockedAt), isNull(members.identityId)))
    .returning({ id: members.id })
    .get();
  if (!reset) throw new AppError("ACCOUNT_LOCKED");
  return member;
}

// The reset link that SPEC F sends with these refusals comes with the MGEN Connect reset
// journey; until then the messages point to the reset page instead of promising an email.
const IDENTITY_LOCKED_MESSAGE =
  "Votre identifiant MGEN Connect est bloqué. Réinitialisez votre mot de passe MGEN Connect pour le débloquer.";
const NOT_VALIDATED_MESSAGE =
  "Votre identifiant MGEN Connect n'a pas été validé. Réinitialisez votre mot de passe MGEN Connect : le lien reçu par email validera aussi votre adresse.";

export type SignedInIdentity = { identity: Identity; member: Member };

export function findIdentityByEmail(ctx: DomainContext, email: string): Identity | undefined {
  return ctx.db.select().from(identities).where(eq(identities.email, email)).get();
}

/** Counts a wrong password against an identity; true when this failure locked it. */
export function countIdentityFailure(ctx: DomainContext, identityId: number): boolean {
  const counted = ctx.db
    .update(identities)
    .set({
      failedAttempts: sql`${identities.failedAttempts} + 1`,
      lockedAt: sql`CASE WHEN ${identities.failedAttempts} + 1 >= ${MAX_FAILED_ATTEMPTS} THEN coalesce(${identities.lockedAt}, ${ctx.now()}) ELSE ${identities.lockedAt} END`,
    })
    .where(eq(identities.id, identityId))
    .returning({ lockedAt: identities.lockedAt })
    .get();
  return counted?.lockedAt != null;
}

/** Email sign-in with an MGEN Connect identity: returns the identity and its Espace. */
export async function signInWithEmail(
  ctx: DomainContext,
  email: string,
  password: string,
): Promise<SignedInIdentity> {
  const { db, hasher } = ctx;
  const identity = findIdentityByEmail(ctx, email);
  if (!identity) {
    await hasher.verifyNothing(password);
    throw new AppError("INVALID_CREDENTIALS");
  }
  if (identity.lockedAt !== null) {
    await hasher.verifyNothing(password);
    throw new AppError("IDENTITY_LOCKED", { message: IDENTITY_LOCKED_MESSAGE });
  }
  if (!(await hasher.verify(identity.passwordHash, password))) {
    if (countIdentityFailure(ctx, identity.id)) {
      throw new AppError("IDENTITY_LOCKED", { message: IDENTITY_LOCKED_MESSAGE });
    }
    throw new AppError("INVALID_CREDENTIALS");
  }
  const reset = db
    .update(identities)
    .set({ failedAttempts: 0 })
    .where(and(eq(identities.id, identity.id), isNull(identities.lockedAt)))
    .returning({ id: identities.id })
    .get();
  if (!reset) throw new AppError("IDENTITY_LOCKED", { message: IDENTITY_LOCKED_MESSAGE });
  if (identity.validatedAt === null) {
    throw new AppError("IDENTITY_NOT_VALIDATED", { message: NOT_VALIDATED_MESSAGE });
  }
  const member = db.select().from(members).where(eq(members.identityId, identity.id)).get();
  if (!member) throw new AppError("IDENTITY_NOT_LINKED");
  return { identity, member };
}
