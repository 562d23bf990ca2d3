import { espaceLockedEmail } from "../mail/templates";
import { replacePasswordHash } from "../store/accounts";
import type { Identity, Member } from "../store/rows";
import {
  type AccountRef,
  findIdentityByEmail,
  findMemberByNir,
  identityAccount,
  memberAccount,
  memberOfIdentityId,
} from "./accounts";
import { sendConnectResetLink } from "./connect-reset";
import { type Caller, type DomainContext, inTransaction, type Tx } from "./context";
import { rememberDevice } from "./devices";
import { AppError } from "./errors";
import { startWizard } from "./funnel";
import {
  attemptFailed,
  attemptSucceeded,
  identifierKey,
  type Reservation,
  reserveAttempt,
  reserveIdentifierAttempt,
} from "./locks";
import { notify } from "./notifications";
import { recordEvent, type SecurityEvent } from "./security-events";
import { closeSession, openSession, type SessionKind } from "./sessions";
import { throttleIdentifier } from "./throttling";

/**
 * Sign-in rules of SPEC journey A. Every path does one argon2 verification, real or on a
 * decoy, so that the time taken does not tell a known NIR or address from an unknown
 * one; every attempt is reserved before the password is checked (domain/locks.ts), and
 * an identifier of no account locks after 5 failures like a member's.
 */

export type SignedIn = {
  member: Member;
  /** The new session's cookie value. */
  sessionToken: string;
  /** This browser's device token, to keep in its device cookie. */
  deviceToken: string;
};

/**
 * A right password stored in a legacy format (bcrypt, PBKDF2, salted SHA) or as argon2 below
 * the configured cost: its new argon2id hash, written in the sign-in's transaction in place
 * of the old one (OPERATIONS.md §1). Hashed before the transaction, which stays short.
 */
async function rehashIfDue(
  ctx: DomainContext,
  stored: string,
  password: string,
): Promise<string | null> {
  return ctx.hasher.needsRehash(stored) ? ctx.hasher.hash(password) : null;
}

/** Opens the session of a successful sign-in; the browser's previous session ends. */
async function openSignedIn(
  ctx: DomainContext,
  tx: Tx,
  caller: Caller,
  opening: {
    kind: SessionKind;
    member: Member;
    account: AccountRef;
    previousSession: string | null;
    event: SecurityEvent;
  },
): Promise<SignedIn> {
  const now = ctx.now();
  // Every sign-in gets a new session id; the previous one of this browser ends.
  if (opening.previousSession) await closeSession(tx, opening.previousSession);
  const sessionToken = await openSession(ctx, tx, opening.kind, opening.member.id, now);
  const deviceToken = await rememberDevice(ctx, tx, opening.account, caller.device, now);
  await recordEvent(ctx, tx, caller, opening.event);
  return { member: opening.member, sessionToken, deviceToken };
}

/**
 * A NIR of no Espace that can still sign in (unknown, or migrated): its failures lock its
 * keyed hash after 5, like an Espace. The old password of a migrated Espace is answered
 * `ALREADY_MIGRATED` (said only to whoever knows it, ADR 006); the NIR never signs in.
 */
async function nirOfNoOpenEspace(
  ctx: DomainContext,
  caller: Caller,
  nir: string,
  password: string,
  migrated: Member | undefined,
): Promise<never> {
  const now = ctx.now();
  const event: SecurityEvent = {
    event: "login.failed",
    channel: "nir",
    ...(migrated ? { memberId: migrated.id } : { unknownIdentifier: `nir:${nir}` }),
  };
  const reservation = await inTransaction(ctx, (tx) =>
    reserveIdentifierAttempt(tx, identifierKey(ctx, "nir", nir), now),
  );
  if (!reservation) {
    await ctx.hasher.verifyNothing(password);
    await inTransaction(ctx, (tx) => recordEvent(ctx, tx, caller, event));
    throw new AppError("ACCOUNT_LOCKED");
  }
  const right = migrated?.passwordHash
    ? await ctx.hasher.verify(migrated.passwordHash, password)
    : await ctx.hasher.verifyNothing(password);
  const failure = await inTransaction(ctx, async (tx) => {
    await recordEvent(ctx, tx, caller, event);
    if (right) {
      await attemptSucceeded(tx, reservation, now);
      return null;
    }
    return attemptFailed(tx, reservation, now);
  });
  if (!failure) throw new AppError("ALREADY_MIGRATED");
  throw new AppError(failure.locked ? "ACCOUNT_LOCKED" : "INVALID_CREDENTIALS");
}

/** NIR sign-in: the Espace opens the migration wizard, or the refusal is thrown. */
export async function signInWithNir(
  ctx: DomainContext,
  caller: Caller,
  input: { nir: string; password: string; previousSession: string | null },
): Promise<SignedIn> {
  const { nir, password } = input;
  await throttleIdentifier(ctx, "nir", nir);
  const member = await findMemberByNir(ctx, nir);
  // The NIR of a migrated Espace never signs in again (invariant 3).
  if (!member || member.identityId !== null) {
    return nirOfNoOpenEspace(ctx, caller, nir, password, member);
  }
  const failed: SecurityEvent = { event: "login.failed", channel: "nir", memberId: member.id };
  if (member.passwordHash === null) {
    await ctx.hasher.verifyNothing(password);
    await inTransaction(ctx, (tx) => recordEvent(ctx, tx, caller, failed));
    throw new AppError("NO_PASSWORD");
  }
  const account = memberAccount(member.id);
  const reservation = await inTransaction(ctx, (tx) =>
    reserveAttempt(ctx, tx, account, caller.device, ctx.now()),
  );
  if (!reservation) {
    await ctx.hasher.verifyNothing(password);
    await inTransaction(ctx, (tx) => recordEvent(ctx, tx, caller, failed));
    throw new AppError("ACCOUNT_LOCKED");
  }
  if (!(await ctx.hasher.verify(member.passwordHash, password))) {
    const failure = await inTransaction(ctx, async (tx) => {
      const outcome = await attemptFailed(tx, reservation, ctx.now());
      await recordEvent(ctx, tx, caller, failed);
      if (outcome.justLocked) {
        await recordEvent(ctx, tx, caller, {
          event: "account.locked",
          channel: "nir",
          memberId: member.id,
        });
        // SPEC "Notifications": the lock is announced, with the way out, to the contact address.
        const to = member.contactEmail;
        if (to) {
          const { publicUrl } = ctx.config;
          await notify(ctx, tx, account, "lock", () =>
            espaceLockedEmail({ to, firstName: member.firstName, publicUrl }),
          );
        }
      }
      return outcome;
    });
    throw new AppError(failure.locked ? "ACCOUNT_LOCKED" : "INVALID_CREDENTIALS");
  }
  const stored = member.passwordHash;
  const rehashed = await rehashIfDue(ctx, stored, password);
  return inTransaction(ctx, async (tx) => {
    // The right password, unless a lock landed while it was being checked.
    if (!(await attemptSucceeded(tx, reservation, ctx.now()))) throw new AppError("ACCOUNT_LOCKED");
    if (rehashed) await replacePasswordHash(tx, "member", member.id, stored, rehashed);
    await startWizard(ctx, tx, member.id);
    return openSignedIn(ctx, tx, caller, {
      kind: "migration",
      member,
      account,
      previousSession: input.previousSession,
      event: { event: "login.succeeded", channel: "nir", memberId: member.id },
    });
  });
}

/** SPEC F: a locked identity is told, and sent a reset link, at every refusal (3 a day at most). */
async function refuseLockedIdentity(
  ctx: DomainContext,
  caller: Caller,
  identity: Identity,
): Promise<AppError> {
  await inTransaction(ctx, (tx) => sendConnectResetLink(ctx, tx, caller, identity, "locked"));
  return new AppError("IDENTITY_LOCKED");
}

/** SPEC F: a not-validated identity is sent a reset link; completing it validates the address. */
async function refuseUnvalidatedIdentity(
  ctx: DomainContext,
  caller: Caller,
  identity: Identity,
): Promise<AppError> {
  await inTransaction(ctx, (tx) =>
    sendConnectResetLink(ctx, tx, caller, identity, "not_validated"),
  );
  return new AppError("IDENTITY_NOT_VALIDATED");
}

/**
 * Checks an identity's password (email sign-in, linking), counting failures toward its
 * lock. Resolves when the password is right and the identity neither locked (for this
 * browser) nor unvalidated; throws the refusal otherwise.
 */
export async function checkIdentityPassword(
  ctx: DomainContext,
  caller: Caller,
  identity: Identity,
  password: string,
): Promise<void> {
  const account = identityAccount(identity.id);
  const failed: SecurityEvent = {
    event: "login.failed",
    channel: "email",
    identityId: identity.id,
  };
  const reservation: Reservation | null = await inTransaction(ctx, (tx) =>
    reserveAttempt(ctx, tx, account, caller.device, ctx.now()),
  );
  if (!reservation) {
    await ctx.hasher.verifyNothing(password);
    await inTransaction(ctx, (tx) => recordEvent(ctx, tx, caller, failed));
    throw await refuseLockedIdentity(ctx, caller, identity);
  }
  if (!(await ctx.hasher.verify(identity.passwordHash, password))) {
    const failure = await inTransaction(ctx, async (tx) => {
      const outcome = await attemptFailed(tx, reservation, ctx.now());
      await recordEvent(ctx, tx, caller, failed);
      if (outcome.justLocked) {
        await recordEvent(ctx, tx, caller, {
          event: "account.locked",
          channel: "email",
          identityId: identity.id,
        });
      }
      // The lock's way out goes with it: a reset link, in the same transaction.
      if (outcome.locked) await sendConnectResetLink(ctx, tx, caller, identity, "locked");
      return outcome;
    });
    throw new AppError(failure.locked ? "IDENTITY_LOCKED" : "INVALID_CREDENTIALS");
  }
  const rehashed = await rehashIfDue(ctx, identity.passwordHash, password);
  const stillOpen = await inTransaction(ctx, async (tx) => {
    if (!(await attemptSucceeded(tx, reservation, ctx.now()))) return false;
    if (rehashed)
      await replacePasswordHash(tx, "identity", identity.id, identity.passwordHash, rehashed);
    return true;
  });
  if (!stillOpen) throw await refuseLockedIdentity(ctx, caller, identity);
  if (identity.validatedAt === null) throw await refuseUnvalidatedIdentity(ctx, caller, identity);
}

/** An address of no identity: the same work and answers as a wrong password, lock included. */
export async function refuseUnknownAddress(
  ctx: DomainContext,
  caller: Caller,
  email: string,
  password: string,
): Promise<never> {
  const now = ctx.now();
  const reservation = await inTransaction(ctx, (tx) =>
    reserveIdentifierAttempt(tx, identifierKey(ctx, "email", email), now),
  );
  await ctx.hasher.verifyNothing(password);
  const locked = await inTransaction(ctx, async (tx) => {
    await recordEvent(ctx, tx, caller, {
      event: "login.failed",
      channel: "email",
      unknownIdentifier: `email:${email}`,
    });
    return reservation === null || (await attemptFailed(tx, reservation, now)).locked;
  });
  throw new AppError(locked ? "IDENTITY_LOCKED" : "INVALID_CREDENTIALS");
}

/** Email sign-in with an MGEN Connect identity: its Espace's member session. */
export async function signInWithEmail(
  ctx: DomainContext,
  caller: Caller,
  input: { email: string; password: string; previousSession: string | null },
): Promise<SignedIn & { email: string }> {
  const { email, password } = input;
  await throttleIdentifier(ctx, "email", email);
  const identity = await findIdentityByEmail(ctx, email);
  if (!identity) return refuseUnknownAddress(ctx, caller, email, password);
  await checkIdentityPassword(ctx, caller, identity, password);
  const member = await memberOfIdentityId(ctx, identity.id);
  if (!member) throw new AppError("IDENTITY_NOT_LINKED");
  const signedIn = await inTransaction(ctx, (tx) =>
    openSignedIn(ctx, tx, caller, {
      kind: "member",
      member,
      account: identityAccount(identity.id),
      previousSession: input.previousSession,
      event: {
        event: "login.succeeded",
        channel: "email",
        memberId: member.id,
        identityId: identity.id,
      },
    }),
  );
  return { ...signedIn, email: identity.email };
}

/** "Se déconnecter": the session ends, on the server. */
export async function signOut(
  ctx: DomainContext,
  caller: Caller,
  session: { idHash: string; kind: SessionKind; memberId: number },
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await closeSession(tx, session.idHash);
    await recordEvent(ctx, tx, caller, {
      event: "session.ended",
      channel: session.kind === "member" ? "email" : "nir",
      memberId: session.memberId,
    });
  });
}
