import { and, eq, isNull, sql } from "drizzle-orm";
import { preparedOnce } from "../db/client";
import { type Identity, identities, type Member, members } from "../db/schema";
import { enqueueEmail } from "../mail/outbox";
import { espaceLockedEmail } from "../mail/templates";
import { sendConnectResetLink } from "./connect";
import { type DomainContext, inTransaction } from "./context";
import { nirHash } from "./crypto";
import { AppError } from "./errors";
import { countIdentityFailure, countMemberFailure } from "./locks";

/**
 * Sign-in rules of SPEC journey A. Every path does one argon2 verification, real or on a
 * decoy, so that the time taken does not tell a known NIR or address from an unknown one.
 * Failures are counted by one atomic UPDATE, so parallel attempts lock at exactly 5.
 */

const memberByNirHash = preparedOnce((db) =>
  db
    .select()
    .from(members)
    .where(eq(members.nirHash, sql.placeholder("nirHash")))
    .prepare(),
);

/** The right password resets the count, unless a lock landed while it was being checked. */
const resetMemberFailures = preparedOnce((db) =>
  db
    .update(members)
    .set({ failedAttempts: 0 })
    .where(
      and(
        eq(members.id, sql.placeholder("memberId")),
        isNull(members.lockedAt),
        isNull(members.identityId),
      ),
    )
    .returning({ id: members.id })
    .prepare(),
);

const resetIdentityFailures = preparedOnce((db) =>
  db
    .update(identities)
    .set({ failedAttempts: 0 })
    .where(and(eq(identities.id, sql.placeholder("identityId")), isNull(identities.lockedAt)))
    .returning({ id: identities.id })
    .prepare(),
);

const identityByEmail = preparedOnce((db) =>
  db
    .select()
    .from(identities)
    .where(eq(identities.email, sql.placeholder("email")))
    .prepare(),
);

const memberOfIdentity = preparedOnce((db) =>
  db
    .select()
    .from(members)
    .where(eq(members.identityId, sql.placeholder("identityId")))
    .prepare(),
);

export function findMemberByNir(ctx: DomainContext, nir: string): Member | undefined {
  return memberByNirHash(ctx.db).get({ nirHash: nirHash(ctx.config.nirPepper, nir) });
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
    const now = ctx.now();
    const { locked } = inTransaction(ctx, (tx) => {
      const counted = countMemberFailure(tx, member.id, now);
      // SPEC "Notifications": the lock is announced, with the way out, to the contact address.
      if (counted.justLocked && member.contactEmail) {
        const email = espaceLockedEmail({
          to: member.contactEmail,
          firstName: member.firstName,
          publicUrl: ctx.config.publicUrl,
        });
        enqueueEmail(tx, email, now);
      }
      return counted;
    });
    throw new AppError(locked ? "ACCOUNT_LOCKED" : "INVALID_CREDENTIALS");
  }
  // The right password resets the count, unless a lock landed while it was being checked.
  if (!resetMemberFailures(db).get({ memberId: member.id })) throw new AppError("ACCOUNT_LOCKED");
  return member;
}

/** SPEC F: a locked identity is told, and sent a reset link, at every refusal. */
export function refuseLockedIdentity(ctx: DomainContext, identity: Identity): AppError {
  inTransaction(ctx, (tx) => sendConnectResetLink(ctx, tx, identity, "locked"));
  return new AppError("IDENTITY_LOCKED");
}

/** SPEC F: a not-validated identity is sent a reset link; completing it validates the address. */
export function refuseUnvalidatedIdentity(ctx: DomainContext, identity: Identity): AppError {
  inTransaction(ctx, (tx) => sendConnectResetLink(ctx, tx, identity, "not_validated"));
  return new AppError("IDENTITY_NOT_VALIDATED");
}

/**
 * Checks an identity's password (email sign-in, linking), counting failures toward its
 * lock. Resolves when the password is right and the identity neither locked nor
 * unvalidated; throws the refusal otherwise.
 */
export async function checkIdentityPassword(
  ctx: DomainContext,
  identity: Identity,
  password: string,
): Promise<void> {
  if (identity.lockedAt !== null) {
    await ctx.hasher.verifyNothing(password);
    throw refuseLockedIdentity(ctx, identity);
  }
  if (!(await ctx.hasher.verify(identity.passwordHash, password))) {
    const now = ctx.now();
    const { locked } = inTransaction(ctx, (tx) => {
      const counted = countIdentityFailure(tx, identity.id, now);
      // The lock's way out goes with it: a reset link, in the same transaction.
      if (counted.locked) sendConnectResetLink(ctx, tx, identity, "locked");
      return counted;
    });
    if (locked) throw new AppError("IDENTITY_LOCKED");
    throw new AppError("INVALID_CREDENTIALS");
  }
  // The right password resets the count, unless a lock landed while it was being checked.
  if (!resetIdentityFailures(ctx.db).get({ identityId: identity.id })) {
    throw refuseLockedIdentity(ctx, identity);
  }
  if (identity.validatedAt === null) throw refuseUnvalidatedIdentity(ctx, identity);
}

export type SignedInIdentity = { identity: Identity; member: Member };

export function findIdentityByEmail(ctx: DomainContext, email: string): Identity | undefined {
  return identityByEmail(ctx.db).get({ email });
}

/** Email sign-in with an MGEN Connect identity: returns the identity and its Espace. */
export async function signInWithEmail(
  ctx: DomainContext,
  email: string,
  password: string,
): Promise<SignedInIdentity> {
  const identity = findIdentityByEmail(ctx, email);
  if (!identity) {
    await ctx.hasher.verifyNothing(password);
    throw new AppError("INVALID_CREDENTIALS");
  }
  await checkIdentityPassword(ctx, identity, password);
  const member = memberOfIdentity(ctx.db).get({ identityId: identity.id });
  if (!member) throw new AppError("IDENTITY_NOT_LINKED");
  return { identity, member };
}
