import { migrationStartedEmail, validationLinkEmail } from "../mail/templates";
import { insertIdentity, lockMember } from "../store/accounts";
import { deletePending, insertPending, pendingOf } from "../store/pending";
import type { Member } from "../store/rows";
import { clearWizardChoices } from "../store/sessions";
import { memberAccount } from "./accounts";
import { addressStatus, emailTaken } from "./addresses";
import type { Caller, DomainContext, Tx } from "./context";
import { AppError } from "./errors";
import { countDropOff, countFact, trackMember } from "./funnel";
import { consumeLink, issueLink, recentLinks, voidLinks } from "./links";
import {
  completeMigration,
  migrateAndSignIn,
  migrationTransaction,
  type SignedInMember,
} from "./migration";
import { canNotify, notify } from "./notifications";
import { queueEmail } from "./outbox";
import { recordEvent } from "./security-events";
import { endMemberSessions } from "./sessions";

/**
 * A migration to an address other than the contact email waits for that address to be
 * validated by an emailed link (SPEC B step 3, ADR 010). The contact address is told at
 * once, with a link that cancels it (SPEC "Notifications"): a migration to another
 * address is never started without that notice, when there is a contact address.
 */

/**
 * At most this many validation emails per Espace and hour, and one a minute on resend
 * (`config.validationResendMs`).
 */
export const VALIDATION_EMAILS_PER_HOUR = 5;
const HOUR = 3_600_000;

function rateLimited(seconds: number, message: string): AppError {
  return new AppError("RATE_LIMITED", { message, headers: { "Retry-After": String(seconds) } });
}

/** Refuses a validation email when one was sent too recently, or too many this hour. */
export async function throttleValidationEmails(
  ctx: DomainContext,
  memberId: number,
  minGapMs: number,
): Promise<void> {
  const now = ctx.now();
  const recent = await recentLinks(ctx.db, "email_validation", { memberId }, now - HOUR);
  let waitMs = 0;
  if (recent.lastAt !== null && now - recent.lastAt < minGapMs)
    waitMs = minGapMs - (now - recent.lastAt);
  if (recent.count >= VALIDATION_EMAILS_PER_HOUR && recent.oldestAt !== null) {
    waitMs = Math.max(waitMs, recent.oldestAt + HOUR - now);
  }
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw rateLimited(
      seconds,
      `Un email vient déjà de vous être envoyé. Vous pourrez en demander un autre dans ${seconds} secondes.`,
    );
  }
}

/** Abandons a pending validation: its links stop working. True when there was one. */
export async function dropPending(tx: Tx, memberId: number, now: number): Promise<boolean> {
  const dropped = await trackMember(tx, memberId, () => deletePending(tx, memberId));
  await voidLinks(tx, { memberId }, now, "email_validation");
  return dropped;
}

/** The address went to another Espace: the wizard starts again at step 1. */
async function backToStepOne(tx: Tx, memberId: number, now: number): Promise<void> {
  await dropPending(tx, memberId, now);
  await clearWizardChoices(tx, memberId);
}

async function sendValidationLink(
  ctx: DomainContext,
  tx: Tx,
  member: Pick<Member, "id" | "firstName">,
  email: string,
): Promise<void> {
  const url = await issueLink(
    ctx,
    tx,
    "email_validation",
    { memberId: member.id },
    ctx.now(),
    email,
  );
  await queueEmail(ctx, tx, validationLinkEmail({ to: email, firstName: member.firstName, url }));
  await countFact(ctx, tx, "links_sent", member.id);
}

/**
 * Step 3 with another address: the pending migration (with the hashes of the chosen
 * password and answer), its validation link to the new address and, when the Espace has
 * a contact address, the notice with a cancel link to it, in one transaction.
 */
export async function requestValidation(
  ctx: DomainContext,
  caller: Caller,
  member: Pick<Member, "id">,
  pending: {
    email: string;
    passwordHash: string;
    secretQuestionId: string;
    secretAnswerHash: string;
  },
): Promise<void> {
  const account = memberAccount(member.id);
  await migrationTransaction(ctx, async (tx) => {
    const now = ctx.now();
    const current = await lockMember(tx, member.id);
    if (!current || current.identityId !== null) throw new AppError("UNAUTHENTICATED");
    const contact = current.contactEmail;
    if (contact && !(await canNotify(tx, account, "migration_started", now))) {
      // Every migration to another address is announced: none without its notice.
      throw rateLimited(
        24 * 3600,
        "Plusieurs demandes de changement d'identifiant ont déjà été faites aujourd'hui pour votre Espace personnel. Par sécurité, vous pourrez en faire une nouvelle demain, ou utiliser dès maintenant votre adresse email de contact.",
      );
    }
    await dropPending(tx, member.id, now);
    await trackMember(tx, member.id, () =>
      insertPending(tx, {
        memberId: member.id,
        ...pending,
        epoch: current.credentialEpoch,
        createdAt: now,
      }),
    );
    await sendValidationLink(ctx, tx, current, pending.email);
    if (contact) {
      await notify(ctx, tx, account, "migration_started", async () =>
        migrationStartedEmail({
          to: contact,
          firstName: current.firstName,
          newEmail: pending.email,
          cancelUrl: await issueLink(ctx, tx, "migration_cancel", { memberId: member.id }, now),
          publicUrl: ctx.config.publicUrl,
        }),
      );
    }
    await recordEvent(ctx, tx, caller, {
      event: "migration.started",
      channel: "nir",
      memberId: member.id,
    });
  });
}

/** "Renvoyer l'email": a new validation link; the older ones stop working. */
export async function resendValidation(
  ctx: DomainContext,
  member: Pick<Member, "id" | "firstName">,
  options: {
    /** Also done in the transaction that sends the link (an adviser's audit row). */
    also?: (tx: Tx) => Promise<void>;
    /**
     * The least time since the last link: a minute for the member's button; none for an
     * adviser on the phone with the member (the 5 an hour still hold).
     */
    minGapMs?: number;
  } = {},
): Promise<{ email: string }> {
  const pending = await pendingOf(ctx.db, member.id);
  if (!pending) {
    throw new AppError("VALIDATION_ERROR", {
      message: "Aucune validation d'adresse n'est en attente : choisissez d'abord votre adresse.",
    });
  }
  if ((await addressStatus(ctx.db, pending.email)) !== "free") {
    await migrationTransaction(ctx, async (tx) => {
      await backToStepOne(tx, member.id, ctx.now());
      await countFact(ctx, tx, "drop:email_taken", member.id);
    });
    throw emailTaken();
  }
  await throttleValidationEmails(ctx, member.id, options.minGapMs ?? ctx.config.validationResendMs);
  await migrationTransaction(ctx, async (tx) => {
    await lockMember(tx, member.id);
    // Still pending (a reset or a cancel may have come in between): a link for it.
    if (!(await pendingOf(tx, member.id))) throw new AppError("TOKEN_INVALID");
    await sendValidationLink(ctx, tx, member, pending.email);
    await options.also?.(tx);
  });
  return { email: pending.email };
}

export type Confirmed =
  | ({ kind: "member" } & SignedInMember)
  | { kind: "anonymous"; email: string };

/**
 * `/validation-email`: the link proves the address; the migration completes in one
 * transaction. The member is signed in only when the request carries the wizard's own
 * session; a link alone never opens a session.
 */
export async function confirmValidation(
  ctx: DomainContext,
  caller: Caller,
  token: string,
  requestSession: { kind: string; memberId: number } | null,
): Promise<Confirmed> {
  let opened: number | null = null;
  const transaction = migrationTransaction(ctx, async (tx) => {
    const now = ctx.now();
    // Spending the link locks its Espace's row: a concurrent reset or cancel is seen.
    const link = await consumeLink(ctx, tx, token, "email_validation", now);
    const member = link?.memberId != null ? await lockMember(tx, link.memberId) : undefined;
    if (member) {
      opened = member.id;
      await countFact(ctx, tx, "links_opened", member.id);
    }
    const pending = member ? await pendingOf(tx, member.id) : undefined;
    if (
      !link ||
      !member ||
      member.identityId !== null ||
      !pending ||
      pending.email !== link.email ||
      // Asked before a change of credential (a reset, an unlock): it can never complete.
      pending.epoch !== member.credentialEpoch
    ) {
      return { kind: "invalid" as const };
    }
    if ((await addressStatus(tx, pending.email)) !== "free") {
      // Another Espace validated this address first: back to step 1.
      await backToStepOne(tx, member.id, now);
      await countFact(ctx, tx, "drop:email_taken", member.id);
      return { kind: "taken" as const };
    }
    const identityId = await insertIdentity(tx, {
      email: pending.email,
      passwordHash: pending.passwordHash,
      secretQuestionId: pending.secretQuestionId,
      secretAnswerHash: pending.secretAnswerHash,
      validatedAt: now,
      createdAt: now,
    });
    const done = {
      member,
      identityId,
      email: pending.email,
      path: "other_address" as const,
      channel: "link" as const,
    };
    if (requestSession?.kind === "migration" && requestSession.memberId === member.id) {
      return { kind: "member" as const, ...(await migrateAndSignIn(ctx, tx, caller, done)) };
    }
    // Not the wizard's browser: a link alone opens no session.
    return {
      kind: "anonymous" as const,
      email: (await completeMigration(ctx, tx, caller, done)).email,
    };
  });
  const outcome = await transaction.catch(async (error: unknown) => {
    // Another Espace took the address between the check and the write (PostgreSQL's
    // unique index decided): nothing was written, but the member was turned back.
    if (error instanceof AppError && error.code === "EMAIL_TAKEN" && opened !== null) {
      await countDropOff(ctx, "drop:email_taken", opened);
    }
    throw error;
  });
  if (outcome.kind === "invalid") throw new AppError("TOKEN_INVALID");
  if (outcome.kind === "taken") {
    throw emailTaken(
      "Cette adresse email est déjà utilisée comme identifiant d'un autre Espace personnel : elle a été validée par un autre Espace avant vous. Choisissez une autre adresse.",
    );
  }
  return outcome;
}

export const CANCELLED_MESSAGE =
  "La demande de changement d'identifiant est annulée : rien n'a changé pour votre Espace personnel. Si vous n'êtes pas à l'origine de cette demande, quelqu'un connaît peut-être votre mot de passe : choisissez-en un nouveau dès maintenant.";

/**
 * The cancel link of the contact-address notice (no sign-in needed, single use, 24 h):
 * the pending migration and its validation links go, and the wizard's sessions of the
 * Espace end, so that whoever started it must sign in again.
 */
export async function cancelPendingMigration(
  ctx: DomainContext,
  caller: Caller,
  token: string,
): Promise<void> {
  await migrationTransaction(ctx, async (tx) => {
    const now = ctx.now();
    const link = await consumeLink(ctx, tx, token, "migration_cancel", now);
    if (!link?.memberId) throw new AppError("TOKEN_INVALID");
    await cancelPending(ctx, tx, caller, link.memberId, "link");
  });
}

/**
 * Cancels the Espace's pending migration in the caller's transaction: the pending row
 * and its validation links go, and the wizard's sessions end, so that whoever started it
 * must sign in again. The cancel link's way, and an adviser's. False when none was pending.
 */
export async function cancelPending(
  ctx: DomainContext,
  tx: Tx,
  caller: Caller,
  memberId: number,
  channel: "link" | "staff",
): Promise<boolean> {
  const dropped = await dropPending(tx, memberId, ctx.now());
  await endMemberSessions(tx, memberId, { kind: "migration" });
  await recordEvent(ctx, tx, caller, { event: "migration.cancelled", channel, memberId });
  return dropped;
}
