import { checkPasswordPolicy } from "@mgen/contracts/password";
import { and, asc, eq, isNull } from "drizzle-orm";
import { preparedOnce } from "../db/client";
import { identities, type LEGACY_REQUEST_KINDS, legacyRequests, members } from "../db/schema";
import { enqueueEmail } from "../mail/outbox";
import {
  legacyPasswordChangedEmail,
  legacyResetEmail,
  migratedReminderEmail,
} from "../mail/templates";
import { type DomainContext, inTransaction } from "./context";
import { nirHash } from "./crypto";
import { AppError } from "./errors";
import { closeMemberSessions } from "./sessions";
import {
  consumeToken,
  findLiveToken,
  hasFreshToken,
  issueToken,
  type Store,
  voidTokens,
} from "./tokens";

/**
 * Forgotten password and unlock before migration (SPEC journey D). NIR + birth date only
 * address an emailed link: they never open anything by themselves.
 */

export type LegacyRequestKind = (typeof LEGACY_REQUEST_KINDS)[number];

export const LEGACY_NEUTRAL_MESSAGE =
  "Si ces informations correspondent à un Espace personnel, un email vous a été envoyé à votre adresse de contact.";

export const LEGACY_RESET_DONE_MESSAGE =
  "Votre mot de passe a été modifié et votre compte est débloqué. Lors de votre prochaine connexion vous pourrez changer votre identifiant.";

/** At most one reset link a minute per Espace, however often it is asked for. */
const LINK_EVERY_MS = 60_000;

/**
 * Takes a request: one insert, the same for every NIR and birth date, so that neither
 * the answer nor its duration depends on them. The background worker answers it.
 */
export function takeLegacyRequest(
  ctx: DomainContext,
  kind: LegacyRequestKind,
  nir: string,
  birthDate: string,
): void {
  ctx.db
    .insert(legacyRequests)
    .values({ kind, nirHash: nirHash(ctx.config.nirPepper, nir), birthDate, createdAt: ctx.now() })
    .run();
}

type Worker = Pick<DomainContext, "db" | "config" | "now">;

/** Answers the queued requests, each in its own transaction; returns how many. */
/** Is anything queued? A read, so that an empty queue costs no write transaction. */
const anyRequest = preparedOnce((db) =>
  db.select({ id: legacyRequests.id }).from(legacyRequests).limit(1).prepare(),
);

export function answerLegacyRequests(ctx: Worker): number {
  let answered = 0;
  while (anyRequest(ctx.db).get()) {
    const took = inTransaction(ctx, (tx) => {
      const request = tx
        .select()
        .from(legacyRequests)
        .orderBy(asc(legacyRequests.id))
        .limit(1)
        .get();
      if (!request) return false;
      tx.delete(legacyRequests).where(eq(legacyRequests.id, request.id)).run();
      answer(ctx, tx, request);
      return true;
    });
    if (!took) break;
    answered++;
  }
  return answered;
}

function answer(ctx: Worker, tx: Store, request: typeof legacyRequests.$inferSelect): void {
  const member = tx.select().from(members).where(eq(members.nirHash, request.nirHash)).get();
  // Unknown, wrong birth date, or no contact email: nothing is sent (the screen said to call).
  if (!member || member.birthDate !== request.birthDate || !member.contactEmail) return;
  const now = ctx.now();
  const { publicUrl, sessionSecret } = ctx.config;
  if (member.identityId !== null) {
    const identity = tx.select().from(identities).where(eq(identities.id, member.identityId)).get();
    if (!identity) return;
    const reminder = migratedReminderEmail({
      to: member.contactEmail,
      firstName: member.firstName,
      identifier: identity.email,
      publicUrl,
    });
    enqueueEmail(tx, reminder, now);
    return;
  }
  if (hasFreshToken(tx, "legacy_reset", { memberId: member.id }, now - LINK_EVERY_MS, now)) return;
  const token = issueToken(tx, sessionSecret, "legacy_reset", { memberId: member.id }, now);
  const url = `${publicUrl}/reinitialisation?token=${token}`;
  enqueueEmail(
    tx,
    legacyResetEmail({
      to: member.contactEmail,
      firstName: member.firstName,
      url,
      kind: request.kind,
    }),
    now,
  );
}

/**
 * `/reinitialisation`: a new Espace password. It clears the lock and the "no password"
 * state, voids the other reset links and ends every session of the Espace.
 */
export async function completeLegacyReset(
  ctx: DomainContext,
  token: string,
  password: string,
): Promise<void> {
  const now = ctx.now();
  const link = findLiveToken(ctx.db, ctx.config.sessionSecret, token, "legacy_reset", now);
  const member =
    link?.memberId != null
      ? ctx.db.select().from(members).where(eq(members.id, link.memberId)).get()
      : undefined;
  // A migrated Espace no longer has a password of its own (its links were voided anyway).
  if (!link || !member || member.identityId !== null) throw new AppError("TOKEN_INVALID");
  const verdict = checkPasswordPolicy(password, {
    firstName: member.firstName,
    lastName: member.lastName,
    birthDate: member.birthDate,
    email: member.contactEmail,
  });
  if (!verdict.ok)
    throw new AppError("WEAK_PASSWORD", { fields: { password: verdict.problems.join(" ") } });
  const passwordHash = await ctx.hasher.hash(password);
  inTransaction(ctx, (tx) => {
    if (!consumeToken(tx, link.id, now)) throw new AppError("TOKEN_INVALID");
    const updated = tx
      .update(members)
      .set({ passwordHash, failedAttempts: 0, lockedAt: null })
      .where(and(eq(members.id, member.id), isNull(members.identityId)))
      .returning({ id: members.id })
      .get();
    if (!updated) throw new AppError("TOKEN_INVALID");
    voidTokens(tx, { memberId: member.id }, now, "legacy_reset");
    closeMemberSessions(tx, member.id);
    if (member.contactEmail) {
      const notice = legacyPasswordChangedEmail({
        to: member.contactEmail,
        firstName: member.firstName,
        publicUrl: ctx.config.publicUrl,
      });
      enqueueEmail(tx, notice, now);
    }
  });
}
