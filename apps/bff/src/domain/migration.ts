import type { MigrationState } from "@mgen/contracts";
import { checkPasswordPolicy } from "@mgen/contracts/password";
import { and, eq, isNull, sql } from "drizzle-orm";
import { preparedOnce } from "../db/client";
import {
  type Identity,
  identities,
  type Member,
  members,
  pendingMigrations,
  type Session,
  sessions,
} from "../db/schema";
import { enqueueEmail } from "../mail/outbox";
import {
  identifierChangedEmail,
  migrationConfirmedEmail,
  validationLinkEmail,
} from "../mail/templates";
import { type DomainContext, inTransaction, isUniqueViolation } from "./context";
import { AppError } from "./errors";
import { closeMemberSessions, openSession } from "./sessions";
import { checkIdentityPassword, findIdentityByEmail } from "./sign-in";
import {
  consumeToken,
  findLiveToken,
  issueToken,
  recentTokens,
  type Store,
  voidTokens,
} from "./tokens";

/**
 * The migration wizard (SPEC journeys B and C): the Espace chooses an address, then
 * creates an MGEN Connect identity or links an existing one. Completing it is one
 * transaction (invariant 2), and the unique constraints decide any race (invariant 1).
 */

/** What an address is today: another Espace's identifier, an unlinked identity, or free. */
export type AddressStatus = "taken" | "identity" | "free";

const addressLookup = preparedOnce((store: Store) =>
  store
    .select({ id: identities.id, linkedTo: members.id })
    .from(identities)
    .leftJoin(members, eq(members.identityId, identities.id))
    .where(eq(identities.email, sql.placeholder("email")))
    .prepare(),
);

export function addressStatus(store: Store, email: string): AddressStatus {
  const row = addressLookup(store).get({ email });
  if (!row) return "free";
  return row.linkedTo === null ? "identity" : "taken";
}

const memberById = preparedOnce((db) =>
  db
    .select()
    .from(members)
    .where(eq(members.id, sql.placeholder("memberId")))
    .prepare(),
);

export function getMember(ctx: DomainContext, memberId: number): Member | undefined {
  return memberById(ctx.db).get({ memberId });
}

export type WizardProgress = Pick<Session, "wizardEmail" | "wizardNext">;
export const NO_PROGRESS: WizardProgress = { wizardEmail: null, wizardNext: null };

const pendingOf = preparedOnce((db) =>
  db
    .select({ email: pendingMigrations.email })
    .from(pendingMigrations)
    .where(eq(pendingMigrations.memberId, sql.placeholder("memberId")))
    .prepare(),
);

/** The wizard's state for a NIR session (also the `migration` state of /api/session). */
export function migrationState(
  ctx: DomainContext,
  member: Member,
  session: WizardProgress,
): MigrationState {
  const pending = pendingOf(ctx.db).get({ memberId: member.id });
  const contactTaken =
    member.contactEmail !== null && addressStatus(ctx.db, member.contactEmail) === "taken";
  const proposedEmail = session.wizardEmail ?? (contactTaken ? null : member.contactEmail);
  const base = {
    state: "migration" as const,
    firstName: member.firstName,
    proposedEmail,
    contactEmailTaken: contactTaken,
  };
  // A pending validation survives sign-out: a new NIR sign-in comes back to it.
  if (pending) return { ...base, step: "pending", pendingEmail: pending.email };
  if (session.wizardEmail && session.wizardNext === "create") return { ...base, step: "security" };
  if (session.wizardEmail && session.wizardNext === "link") return { ...base, step: "link" };
  return { ...base, step: "email" };
}

const TAKEN_FIELD = {
  email: "Cette adresse email est déjà utilisée comme identifiant d'un autre Espace personnel.",
};

/** Abandons a pending validation: its links stop working. */
function cancelPending(store: Store, memberId: number, now: number): void {
  store.delete(pendingMigrations).where(eq(pendingMigrations.memberId, memberId)).run();
  voidTokens(store, { memberId }, now, "email_validation");
}

/** The address went to another Espace: the wizard starts again at step 1. */
function backToStepOne(store: Store, memberId: number, now: number): void {
  cancelPending(store, memberId, now);
  store
    .update(sessions)
    .set({ wizardEmail: null, wizardNext: null })
    .where(eq(sessions.memberId, memberId))
    .run();
}

/**
 * Step 1: records the chosen address in the session and says what step 2 is. Choosing
 * an address again ("Modifier l'adresse") abandons a pending validation.
 */
export function chooseAddress(
  ctx: DomainContext,
  session: Session,
  email: string,
): "create" | "link" {
  const status = addressStatus(ctx.db, email);
  if (status === "taken") throw new AppError("EMAIL_TAKEN", { fields: TAKEN_FIELD });
  const next = status === "identity" ? "link" : "create";
  ctx.db.transaction(
    (tx) => {
      cancelPending(tx, session.memberId, ctx.now());
      tx.update(sessions)
        .set({ wizardEmail: email, wizardNext: next })
        .where(eq(sessions.idHash, session.idHash))
        .run();
    },
    { behavior: "immediate" },
  );
  return next;
}

export type CreateInput = {
  email: string;
  password: string;
  secretQuestionId: string;
  secretAnswer: string;
};

export type Completed = { kind: "member"; sessionToken: string; member: Member; email: string };
export type Pending = { kind: "pending"; email: string };

/**
 * Links `identityId` to the Espace and closes its NIR sign-in, in the caller's
 * transaction: every session of the Espace ends, the confirmation is queued, and the old
 * contact address is told when the identifier differs from it.
 */
function completeMigration(
  ctx: DomainContext,
  tx: Store,
  member: Member,
  identityId: number,
  email: string,
  now: number,
): Member {
  const migrated = tx
    .update(members)
    .set({ identityId, migratedAt: now, failedAttempts: 0, lockedAt: null })
    .where(and(eq(members.id, member.id), isNull(members.identityId)))
    .returning()
    .get();
  // Migrated meanwhile (another tab, another browser): the wizard is over.
  if (!migrated) throw new AppError("UNAUTHENTICATED");
  tx.delete(pendingMigrations).where(eq(pendingMigrations.memberId, member.id)).run();
  voidTokens(tx, { memberId: member.id }, now);
  // The new privilege gets a new session id: every session of the Espace ends.
  closeMemberSessions(tx, member.id);
  const { publicUrl } = ctx.config;
  enqueueEmail(
    tx,
    migrationConfirmedEmail({ to: email, firstName: member.firstName, publicUrl }),
    now,
  );
  if (member.contactEmail && member.contactEmail !== email) {
    enqueueEmail(
      tx,
      identifierChangedEmail({
        to: member.contactEmail,
        firstName: member.firstName,
        newEmail: email,
      }),
      now,
    );
  }
  return migrated;
}

/** The migration, then the member session of the browser that completed it. */
function migrateAndSignIn(
  ctx: DomainContext,
  tx: Store,
  member: Member,
  identityId: number,
  email: string,
  now: number,
): { sessionToken: string; member: Member } {
  const migrated = completeMigration(ctx, tx, member, identityId, email, now);
  const sessionToken = openSession(tx, ctx.config.sessionSecret, "member", member.id, now);
  return { sessionToken, member: migrated };
}

function migrationTransaction<T>(ctx: DomainContext, work: (tx: Store) => T): T {
  try {
    return inTransaction(ctx, work);
  } catch (error) {
    // The unique constraints are the last word on "one address, one Espace".
    if (isUniqueViolation(error)) throw new AppError("EMAIL_TAKEN", { fields: TAKEN_FIELD });
    throw error;
  }
}

/** At most this many validation emails per Espace and hour, and one a minute on resend. */
export const VALIDATION_EMAILS_PER_HOUR = 5;
export const RESEND_EVERY_MS = 60_000;
const HOUR = 3_600_000;

function throttleValidationEmails(ctx: DomainContext, memberId: number, minGapMs: number): void {
  const now = ctx.now();
  const recent = recentTokens(ctx.db, "email_validation", { memberId }, now - HOUR);
  let waitMs = 0;
  if (recent.lastAt !== null && now - recent.lastAt < minGapMs)
    waitMs = minGapMs - (now - recent.lastAt);
  if (recent.count >= VALIDATION_EMAILS_PER_HOUR && recent.oldestAt !== null) {
    waitMs = Math.max(waitMs, recent.oldestAt + HOUR - now);
  }
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new AppError("RATE_LIMITED", {
      message: `Un email vient déjà de vous être envoyé. Vous pourrez en demander un autre dans ${seconds} secondes.`,
      headers: { "Retry-After": String(seconds) },
    });
  }
}

function sendValidationLink(
  ctx: DomainContext,
  tx: Store,
  member: Member,
  email: string,
  now: number,
): void {
  const token = issueToken(
    tx,
    ctx.config.sessionSecret,
    "email_validation",
    { memberId: member.id },
    now,
    email,
  );
  const url = `${ctx.config.publicUrl}/validation-email?token=${token}`;
  enqueueEmail(tx, validationLinkEmail({ to: email, firstName: member.firstName, url }), now);
}

/**
 * Step 2 "create", then 3. With the contact email (already known to be the member's),
 * the identity is created validated and the migration completes at once. With another
 * address, a validation link is sent and nothing is migrated until it is opened.
 */
export async function createIdentity(
  ctx: DomainContext,
  member: Member,
  input: CreateInput,
): Promise<Completed | Pending> {
  const status = addressStatus(ctx.db, input.email);
  if (status === "taken") throw new AppError("EMAIL_TAKEN", { fields: TAKEN_FIELD });
  if (status === "identity") {
    throw new AppError("VALIDATION_ERROR", {
      fields: {
        email:
          "Cette adresse email est déjà associée à un identifiant MGEN Connect : revenez à l'étape 1 pour l'associer à votre Espace personnel.",
      },
    });
  }
  const verdict = checkPasswordPolicy(input.password, {
    firstName: member.firstName,
    lastName: member.lastName,
    birthDate: member.birthDate,
    email: input.email,
  });
  if (!verdict.ok) {
    throw new AppError("WEAK_PASSWORD", { fields: { password: verdict.problems.join(" ") } });
  }
  const isContact = input.email === member.contactEmail;
  if (!isContact) throttleValidationEmails(ctx, member.id, 0);
  const [passwordHash, secretAnswerHash] = await Promise.all([
    ctx.hasher.hash(input.password),
    ctx.hasher.hash(input.secretAnswer),
  ]);
  const now = ctx.now();
  const secrets = { passwordHash, secretQuestionId: input.secretQuestionId, secretAnswerHash };

  if (!isContact) {
    migrationTransaction(ctx, (tx) => {
      cancelPending(tx, member.id, now);
      tx.insert(pendingMigrations)
        .values({ memberId: member.id, email: input.email, ...secrets, createdAt: now })
        .run();
      sendValidationLink(ctx, tx, member, input.email, now);
    });
    return { kind: "pending", email: input.email };
  }

  return migrationTransaction(ctx, (tx) => {
    const identity = tx
      .insert(identities)
      .values({ email: input.email, ...secrets, validatedAt: now, createdAt: now })
      .returning({ id: identities.id })
      .get();
    return {
      kind: "member",
      email: input.email,
      ...migrateAndSignIn(ctx, tx, member, identity.id, input.email, now),
    };
  });
}

/** "Renvoyer l'email": a new validation link; the older ones stop working. */
export function resendValidation(ctx: DomainContext, member: Member): Pending {
  const pending = ctx.db
    .select()
    .from(pendingMigrations)
    .where(eq(pendingMigrations.memberId, member.id))
    .get();
  if (!pending) {
    throw new AppError("VALIDATION_ERROR", {
      message: "Aucune validation d'adresse n'est en attente : choisissez d'abord votre adresse.",
    });
  }
  const now = ctx.now();
  if (addressStatus(ctx.db, pending.email) !== "free") {
    migrationTransaction(ctx, (tx) => backToStepOne(tx, member.id, now));
    throw new AppError("EMAIL_TAKEN", { fields: TAKEN_FIELD });
  }
  throttleValidationEmails(ctx, member.id, RESEND_EVERY_MS);
  migrationTransaction(ctx, (tx) => sendValidationLink(ctx, tx, member, pending.email, now));
  return { kind: "pending", email: pending.email };
}

export type Confirmed =
  | { kind: "member"; sessionToken: string; member: Member; email: string }
  | { kind: "anonymous"; email: string };

/**
 * `/validation-email`: the link proves the address; the migration completes in one
 * transaction. The member is signed in only when the request carries the wizard's own
 * session; a link alone never opens a session.
 */
export function confirmValidation(
  ctx: DomainContext,
  token: string,
  requestSession: Session | null,
): Confirmed {
  const now = ctx.now();
  const outcome = migrationTransaction(ctx, (tx) => {
    const link = findLiveToken(tx, ctx.config.sessionSecret, token, "email_validation", now);
    if (!link?.memberId || !consumeToken(tx, link.id, now)) return { kind: "invalid" as const };
    const member = tx.select().from(members).where(eq(members.id, link.memberId)).get();
    const pending = tx
      .select()
      .from(pendingMigrations)
      .where(eq(pendingMigrations.memberId, link.memberId))
      .get();
    if (!member || member.identityId !== null || !pending || pending.email !== link.email) {
      return { kind: "invalid" as const };
    }
    if (addressStatus(tx, pending.email) !== "free") {
      // Another Espace validated this address first: back to step 1.
      backToStepOne(tx, member.id, now);
      return { kind: "taken" as const };
    }
    const identity = tx
      .insert(identities)
      .values({
        email: pending.email,
        passwordHash: pending.passwordHash,
        secretQuestionId: pending.secretQuestionId,
        secretAnswerHash: pending.secretAnswerHash,
        validatedAt: now,
        createdAt: now,
      })
      .returning({ id: identities.id })
      .get();
    const wizardHere =
      requestSession?.kind === "migration" && requestSession.memberId === member.id;
    if (wizardHere) {
      const done = migrateAndSignIn(ctx, tx, member, identity.id, pending.email, now);
      return { kind: "member" as const, email: pending.email, ...done };
    }
    // Not the wizard's browser: a link alone opens no session.
    completeMigration(ctx, tx, member, identity.id, pending.email, now);
    return { kind: "anonymous" as const, email: pending.email };
  });
  if (outcome.kind === "invalid") throw new AppError("TOKEN_INVALID");
  if (outcome.kind === "taken") {
    throw new AppError("EMAIL_TAKEN", {
      message:
        "Cette adresse email est déjà utilisée comme identifiant d'un autre Espace personnel : elle a été validée par un autre Espace avant vous. Choisissez une autre adresse.",
      fields: TAKEN_FIELD,
    });
  }
  return outcome;
}

/**
 * Step 2 "link" (SPEC journey C): the identity's password proves it is the member's.
 * The identity keeps its password; wrong passwords count toward its lock.
 */
export async function linkIdentity(
  ctx: DomainContext,
  member: Member,
  email: string,
  password: string,
): Promise<Completed> {
  const identity: Identity | undefined = findIdentityByEmail(ctx, email);
  if (!identity) {
    await ctx.hasher.verifyNothing(password);
    throw new AppError("INVALID_CREDENTIALS", { message: "Mot de passe incorrect." });
  }
  if (addressStatus(ctx.db, email) === "taken")
    throw new AppError("EMAIL_TAKEN", { fields: TAKEN_FIELD });
  try {
    await checkIdentityPassword(ctx, identity, password);
  } catch (error) {
    if (error instanceof AppError && error.code === "INVALID_CREDENTIALS") {
      throw new AppError("INVALID_CREDENTIALS", {
        message:
          "Mot de passe incorrect. Au bout de 5 erreurs, votre identifiant MGEN Connect sera bloqué.",
      });
    }
    throw error;
  }
  const now = ctx.now();
  return migrationTransaction(ctx, (tx) => {
    if (addressStatus(tx, email) === "taken")
      throw new AppError("EMAIL_TAKEN", { fields: TAKEN_FIELD });
    return {
      kind: "member" as const,
      email,
      ...migrateAndSignIn(ctx, tx, member, identity.id, email, now),
    };
  });
}
