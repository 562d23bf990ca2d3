import { and, eq, isNull } from "drizzle-orm";
import { type EventChannel, type Member, members, pendingMigrations } from "../db/schema";
import { enqueueEmail } from "../mail/outbox";
import { identifierChangedEmail, migrationConfirmedEmail } from "../mail/templates";
import { identityAccount, memberAccount } from "./accounts";
import { emailTaken } from "./addresses";
import {
  type Caller,
  type DomainContext,
  inTransaction,
  isUniqueViolation,
  type Store,
} from "./context";
import { credentialsChanged } from "./credentials";
import { rememberDevice } from "./devices";
import { AppError } from "./errors";
import { notify } from "./notifications";
import { recordEvent } from "./security-events";
import { openSession } from "./sessions";

/**
 * Completing a migration (SPEC journeys B and C): linking an Espace to exactly one MGEN
 * Connect identity and closing its NIR sign-in, in one transaction (invariant 2); the
 * unique constraints decide any race (invariant 1).
 */

/** How the migration ends: the contact address, another (validated) address, or linking. */
export type MigrationPath = "contact_email" | "other_address" | "link";

export type Migrated = {
  member: Member;
  email: string;
};

/**
 * Links `identityId` to the Espace and closes its NIR sign-in, in the caller's
 * transaction. A completed migration is a change of credential: the Espace's links and
 * sessions end, and so do the identity's links. The confirmation is queued, and the
 * contact address is told when the identifier differs from it.
 */
export function completeMigration(
  ctx: DomainContext,
  tx: Store,
  caller: Caller,
  done: {
    member: Member;
    identityId: number;
    email: string;
    path: MigrationPath;
    channel: EventChannel;
  },
): Migrated {
  const { member, identityId, email } = done;
  const now = ctx.now();
  const migrated = tx
    .update(members)
    .set({ identityId, migratedAt: now, failedAttempts: 0, lockedAt: null })
    .where(and(eq(members.id, member.id), isNull(members.identityId)))
    .returning()
    .get();
  // Migrated meanwhile (another tab, another browser): the wizard is over.
  if (!migrated) throw new AppError("UNAUTHENTICATED");
  // The pending validation this completes is spent, not cancelled.
  tx.delete(pendingMigrations).where(eq(pendingMigrations.memberId, member.id)).run();
  credentialsChanged(ctx, tx, caller, { memberId: member.id, identityId, channel: done.channel });
  const { publicUrl } = ctx.config;
  enqueueEmail(
    tx,
    migrationConfirmedEmail({ to: email, firstName: member.firstName, publicUrl }),
    now,
  );
  const contact = member.contactEmail;
  if (contact && contact !== email) {
    notify(
      tx,
      memberAccount(member.id),
      "identifier_changed",
      () => identifierChangedEmail({ to: contact, firstName: member.firstName, newEmail: email }),
      now,
    );
  }
  const subject = { memberId: member.id, identityId };
  if (done.path === "link")
    recordEvent(ctx, tx, caller, { event: "identity.linked", channel: done.channel, ...subject });
  recordEvent(ctx, tx, caller, { event: "migration.completed", channel: done.channel, ...subject });
  return { member: migrated, email };
}

export type SignedInMember = Migrated & { sessionToken: string; deviceToken: string };

/** The migration, then the member session of the browser that completed it. */
export function migrateAndSignIn(
  ctx: DomainContext,
  tx: Store,
  caller: Caller,
  done: Parameters<typeof completeMigration>[3],
): SignedInMember {
  const migrated = completeMigration(ctx, tx, caller, done);
  const now = ctx.now();
  // The new privilege gets a new session id (every session of the Espace has just ended).
  const sessionToken = openSession(ctx, tx, "member", done.member.id, now);
  // This browser proved the identity's password (or chose it): it is trusted for it.
  const deviceToken = rememberDevice(ctx, tx, identityAccount(done.identityId), caller.device, now);
  return { ...migrated, sessionToken, deviceToken };
}

/** A transaction of the wizard: the unique constraints are the last word on "one address, one Espace". */
export function migrationTransaction<T>(ctx: DomainContext, work: (tx: Store) => T): T {
  try {
    return inTransaction(ctx, work);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
