import type { EventChannel } from "../db/vocabulary";
import { identifierChangedEmail, migrationConfirmedEmail } from "../mail/templates";
import { markMigrated } from "../store/accounts";
import { deletePending } from "../store/pending";
import type { Member } from "../store/rows";
import { identityAccount, memberAccount } from "./accounts";
import { emailTaken } from "./addresses";
import { type Caller, type DomainContext, inTransaction, type Tx } from "./context";
import { credentialsChanged } from "./credentials";
import { rememberDevice } from "./devices";
import { AppError } from "./errors";
import { countFact, trackMember } from "./funnel";
import { notify } from "./notifications";
import { queueEmail } from "./outbox";
import { recordEvent } from "./security-events";
import { openSession } from "./sessions";

/**
 * Completing a migration (SPEC journeys B and C): linking an Espace to exactly one MGEN
 * Connect identity and closing its NIR sign-in, in one transaction (invariant 2); the
 * unique constraints decide any race (invariant 1). Callers lock the Espace's row first.
 */

/** How the migration ends: the contact address, another (validated) address, or linking. */
export type MigrationPath = "contact_email" | "other_address" | "link";

export type Migrated = { member: Member; email: string };

export type Completion = {
  member: Member;
  identityId: number;
  email: string;
  path: MigrationPath;
  channel: EventChannel;
};

/**
 * Links `identityId` to the Espace and closes its NIR sign-in, in the caller's
 * transaction. A completed migration is a change of credential: the Espace's links and
 * sessions end, and so do the identity's links. The confirmation is queued, and the
 * contact address is told when the identifier differs from it.
 */
export async function completeMigration(
  ctx: DomainContext,
  tx: Tx,
  caller: Caller,
  done: Completion,
): Promise<Migrated> {
  const { member, identityId, email } = done;
  const migrated = await trackMember(tx, member.id, async () => {
    const row = await markMigrated(tx, member.id, identityId, done.path, ctx.now());
    // The pending validation this completes is spent, not cancelled.
    if (row) await deletePending(tx, member.id);
    return row;
  });
  // Migrated meanwhile (another tab, another browser): the wizard is over.
  if (!migrated) throw new AppError("UNAUTHENTICATED");
  await countFact(ctx, tx, "migrated", member.id);
  await credentialsChanged(ctx, tx, caller, {
    memberId: member.id,
    identityId,
    channel: done.channel,
  });
  const { publicUrl } = ctx.config;
  await queueEmail(
    ctx,
    tx,
    migrationConfirmedEmail({ to: email, firstName: member.firstName, publicUrl }),
  );
  const contact = member.contactEmail;
  if (contact && contact !== email) {
    await notify(ctx, tx, memberAccount(member.id), "identifier_changed", () =>
      identifierChangedEmail({ to: contact, firstName: member.firstName, newEmail: email }),
    );
  }
  const subject = { memberId: member.id, identityId };
  if (done.path === "link") {
    await recordEvent(ctx, tx, caller, {
      event: "identity.linked",
      channel: done.channel,
      ...subject,
    });
  }
  await recordEvent(ctx, tx, caller, {
    event: "migration.completed",
    channel: done.channel,
    ...subject,
  });
  return { member: migrated, email };
}

export type SignedInMember = Migrated & { sessionToken: string; deviceToken: string };

/** The migration, then the member session of the browser that completed it. */
export async function migrateAndSignIn(
  ctx: DomainContext,
  tx: Tx,
  caller: Caller,
  done: Completion,
): Promise<SignedInMember> {
  const migrated = await completeMigration(ctx, tx, caller, done);
  const now = ctx.now();
  // The new privilege gets a new session id (every session of the Espace has just ended).
  const sessionToken = await openSession(ctx, tx, "member", done.member.id, now);
  // This browser proved the identity's password (or chose it): it is trusted for it.
  const deviceToken = await rememberDevice(
    ctx,
    tx,
    identityAccount(done.identityId),
    caller.device,
    now,
  );
  return { ...migrated, sessionToken, deviceToken };
}

/** A transaction of the wizard: the unique constraints are the last word on "one address, one Espace". */
export async function migrationTransaction<T>(
  ctx: DomainContext,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await inTransaction(ctx, work);
  } catch (error) {
    if (ctx.db.isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
