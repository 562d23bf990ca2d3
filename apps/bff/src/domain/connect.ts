import { SECRET_QUESTIONS } from "@mgen/contracts";
import { checkPasswordPolicy } from "@mgen/contracts/password";
import { eq, sql } from "drizzle-orm";
import { type Identity, identities, members } from "../db/schema";
import { enqueueEmail } from "../mail/outbox";
import {
  type ConnectResetReason,
  connectPasswordChangedEmail,
  connectResetEmail,
} from "../mail/templates";
import { type DomainContext, inTransaction } from "./context";
import { AppError } from "./errors";
import { countIdentityFailure } from "./locks";
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
 * MGEN Connect password reset (SPEC journey F). A link proves the address, so completing
 * a reset also validates it and lifts a lock; a secret answer, when the identity has one,
 * is a second check on top of the link, never a way in by itself.
 */

/** Links sent by a refusal (lock, "not validated") are not re-sent more often than this. */
const AUTOMATIC_LINK_EVERY_MS = 10 * 60_000;
/** Links asked for on the forgotten-password page: at most one a minute per identity. */
const REQUESTED_LINK_EVERY_MS = 60_000;

export const CONNECT_FORGOT_MESSAGE =
  "Si cette adresse correspond à un identifiant MGEN Connect, un email contenant un lien pour choisir un nouveau mot de passe vient de lui être envoyé.";

export function connectResetUrl(ctx: DomainContext, token: string): string {
  return `${ctx.config.publicUrl}/connect/reinitialisation?token=${token}`;
}

/**
 * Emails a reset link to the identity, unless one was sent very recently (a refusal
 * repeated in a loop must not flood the member's mailbox). Returns whether one was sent.
 */
export function sendConnectResetLink(
  ctx: DomainContext,
  tx: Store,
  identity: Pick<Identity, "id" | "email">,
  reason: ConnectResetReason,
): boolean {
  const now = ctx.now();
  const every = reason === "requested" ? REQUESTED_LINK_EVERY_MS : AUTOMATIC_LINK_EVERY_MS;
  if (hasFreshToken(tx, "connect_reset", { identityId: identity.id }, now - every, now))
    return false;
  const token = issueToken(
    tx,
    ctx.config.sessionSecret,
    "connect_reset",
    { identityId: identity.id },
    now,
  );
  const url = connectResetUrl(ctx, token);
  enqueueEmail(tx, connectResetEmail({ to: identity.email, url, reason }), now);
  return true;
}

/** Forgotten password: the same answer whatever the address. */
export function requestConnectReset(ctx: DomainContext, email: string): void {
  const identity = ctx.db.select().from(identities).where(eq(identities.email, email)).get();
  if (identity) inTransaction(ctx, (tx) => sendConnectResetLink(ctx, tx, identity, "requested"));
}

function liveResetToken(ctx: DomainContext, store: Store, token: string) {
  const row = findLiveToken(store, ctx.config.sessionSecret, token, "connect_reset", ctx.now());
  const identity =
    row?.identityId != null
      ? store.select().from(identities).where(eq(identities.id, row.identityId)).get()
      : undefined;
  if (!row || !identity) throw new AppError("TOKEN_INVALID");
  return { row, identity };
}

/** What the reset page must ask: the identity's secret question, or null. */
export function inspectConnectReset(
  ctx: DomainContext,
  token: string,
): { secretQuestion: string | null } {
  const { identity } = liveResetToken(ctx, ctx.db, token);
  const question = SECRET_QUESTIONS.find((q) => q.id === identity.secretQuestionId);
  return { secretQuestion: question?.label ?? null };
}

/**
 * Wrong answers count toward the identity's lock. Once locked, the link stops working:
 * the failure that locks sends one fresh link (the lock's way out); after that a new link
 * must be asked for, at most one a minute, so answers cannot be guessed link after link.
 */
function wrongAnswer(ctx: DomainContext, identity: Identity): AppError {
  const now = ctx.now();
  const { locked, justLocked } = inTransaction(ctx, (tx) => {
    const counted = countIdentityFailure(tx, identity.id, now);
    if (counted.locked) voidTokens(tx, { identityId: identity.id }, now, "connect_reset");
    if (counted.justLocked) sendConnectResetLink(ctx, tx, identity, "locked");
    return counted;
  });
  if (!locked) {
    return new AppError("WRONG_SECRET_ANSWER", {
      fields: { secretAnswer: "La réponse ne correspond pas. Vérifiez l'orthographe." },
    });
  }
  return new AppError("WRONG_SECRET_ANSWER", {
    message: justLocked
      ? "La réponse à votre question secrète ne correspond pas. Après plusieurs erreurs, votre identifiant MGEN Connect est bloqué et ce lien ne fonctionne plus : un nouveau lien vient de vous être envoyé par email."
      : "La réponse à votre question secrète ne correspond pas. Votre identifiant MGEN Connect est bloqué et ce lien ne fonctionne plus : demandez un nouveau lien.",
    fields: { secretAnswer: "La réponse ne correspond pas." },
  });
}

export async function completeConnectReset(
  ctx: DomainContext,
  input: { token: string; password: string; secretAnswer?: string | undefined },
): Promise<{ linkedToEspace: boolean }> {
  const { row, identity } = liveResetToken(ctx, ctx.db, input.token);
  const member = ctx.db.select().from(members).where(eq(members.identityId, identity.id)).get();
  const verdict = checkPasswordPolicy(input.password, {
    firstName: member?.firstName,
    lastName: member?.lastName,
    birthDate: member?.birthDate,
    email: identity.email,
  });
  if (!verdict.ok)
    throw new AppError("WEAK_PASSWORD", { fields: { password: verdict.problems.join(" ") } });

  if (identity.secretAnswerHash !== null) {
    if (!input.secretAnswer) {
      throw new AppError("VALIDATION_ERROR", {
        fields: { secretAnswer: "Saisissez la réponse à votre question secrète." },
      });
    }
    if (!(await ctx.hasher.verify(identity.secretAnswerHash, input.secretAnswer))) {
      throw wrongAnswer(ctx, identity);
    }
  }

  const passwordHash = await ctx.hasher.hash(input.password);
  const now = ctx.now();
  ctx.db.transaction(
    (tx) => {
      if (!consumeToken(tx, row.id, now)) throw new AppError("TOKEN_INVALID");
      tx.update(identities)
        .set({
          passwordHash,
          failedAttempts: 0,
          lockedAt: null,
          validatedAt: sql`coalesce(${identities.validatedAt}, ${now})`,
        })
        .where(eq(identities.id, identity.id))
        .run();
      // Any change of password voids every other reset link and ends every session.
      voidTokens(tx, { identityId: identity.id }, now, "connect_reset");
      if (member) closeMemberSessions(tx, member.id);
      enqueueEmail(
        tx,
        connectPasswordChangedEmail({ to: identity.email, publicUrl: ctx.config.publicUrl }),
        now,
      );
    },
    { behavior: "immediate" },
  );
  return { linkedToEspace: member !== undefined };
}
