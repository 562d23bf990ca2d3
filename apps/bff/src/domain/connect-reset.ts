import { MAX_WRONG_ANSWERS_PER_DAY, SECRET_QUESTIONS } from "@mgen/contracts";
import { checkPasswordPolicy } from "@mgen/contracts/password";
import {
  type ConnectResetReason,
  connectPasswordChangedEmail,
  connectResetEmail,
} from "../mail/templates";
import { lockIdentity, lockMember, setIdentityPassword } from "../store/accounts";
import { deleteAnswerAttempt, insertAnswerAttempt, wrongAnswersSince } from "../store/counters";
import type { Identity } from "../store/rows";
import { getIdentity, identityAccount, memberOfIdentityId } from "./accounts";
import { type Caller, type DomainContext, inTransaction, type Tx } from "./context";
import { credentialsChanged } from "./credentials";
import { AppError } from "./errors";
import { consumeLink, findLiveLink, hasFreshLink, issueLink } from "./links";
import { unlockAccount } from "./locks";
import { notify } from "./notifications";
import { queueEmail } from "./outbox";
import { recordEvent } from "./security-events";

/**
 * MGEN Connect password reset (SPEC journey F). A link proves the address, so completing
 * a reset also validates it and lifts a lock; a secret answer, when the identity has one,
 * is a second check on top of the link, never a way in by itself: at most 5 wrong
 * answers per identity in any 24 hours, whatever the links, each reserved before it is
 * checked.
 */

/** Links sent by a refusal (lock, "not validated") are not re-sent more often than this. */
const AUTOMATIC_LINK_EVERY_MS = 10 * 60_000;
/** Links asked for on the forgotten-password page: at most one a minute per identity. */
const REQUESTED_LINK_EVERY_MS = 60_000;
const DAY = 24 * 3_600_000;

export const CONNECT_FORGOT_MESSAGE =
  "Si cette adresse correspond à un identifiant MGEN Connect, un email contenant un lien pour choisir un nouveau mot de passe vient de lui être envoyé.";

const ANSWERS_LOCKED_MESSAGE =
  "Trop de réponses erronées à votre question secrète ces dernières 24 heures : pour protéger votre compte, la réinitialisation est suspendue. Appelez un conseiller du service adhérents, qui vérifiera votre identité et vous aidera.";

/**
 * Emails a reset link to the identity, unless one was sent very recently; a link sent by
 * a refusal (lock, "not validated") is a notification, at most 3 a day. Returns whether
 * one was sent.
 */
export async function sendConnectResetLink(
  ctx: DomainContext,
  tx: Tx,
  caller: Caller,
  identity: Pick<Identity, "id" | "email">,
  reason: ConnectResetReason,
  channel: "email" | "staff" = "email",
): Promise<boolean> {
  const now = ctx.now();
  const owner = { identityId: identity.id };
  const every = reason === "requested" ? REQUESTED_LINK_EVERY_MS : AUTOMATIC_LINK_EVERY_MS;
  if (await hasFreshLink(tx, "connect_reset", owner, now - every, now)) return false;
  const message = async () =>
    connectResetEmail({
      to: identity.email,
      url: await issueLink(ctx, tx, "connect_reset", owner, now),
      reason,
    });
  if (reason === "requested") {
    await queueEmail(ctx, tx, await message());
  } else {
    const kind = reason === "locked" ? "lock" : "not_validated";
    if (!(await notify(ctx, tx, identityAccount(identity.id), kind, message))) return false;
  }
  await recordEvent(ctx, tx, caller, {
    event: "password.reset_requested",
    channel,
    identityId: identity.id,
  });
  return true;
}

async function liveResetLink(ctx: DomainContext, token: string) {
  const link = await findLiveLink(ctx, ctx.db, token, "connect_reset", ctx.now());
  const identity = link?.identityId != null ? await getIdentity(ctx, link.identityId) : undefined;
  if (!link || !identity) throw new AppError("TOKEN_INVALID");
  return { link, identity };
}

/** What the reset page must ask: the identity's secret question, or null. */
export async function inspectConnectReset(
  ctx: DomainContext,
  token: string,
): Promise<{ secretQuestion: string | null }> {
  const { identity } = await liveResetLink(ctx, token);
  const question = SECRET_QUESTIONS.find((q) => q.id === identity.secretQuestionId);
  return { secretQuestion: question?.label ?? null };
}

/**
 * Reserves the checking of one answer: an attempt row, written only while the identity
 * has given fewer than 5 wrong answers in 24 hours (counted under the identity's row
 * lock). Null: no answer may be checked.
 */
async function reserveAnswer(tx: Tx, identityId: number, now: number): Promise<number | null> {
  await lockIdentity(tx, identityId);
  if ((await wrongAnswersSince(tx, identityId, now - DAY)) >= MAX_WRONG_ANSWERS_PER_DAY)
    return null;
  return insertAnswerAttempt(tx, identityId, now);
}

/** The answer, checked only if one of the day's 5 is left; throws the refusal otherwise. */
async function checkSecretAnswer(
  ctx: DomainContext,
  caller: Caller,
  identity: Identity & { secretAnswerHash: string },
  answer: string,
): Promise<void> {
  const reserved = await inTransaction(ctx, (tx) => reserveAnswer(tx, identity.id, ctx.now()));
  if (reserved === null) {
    throw new AppError("ACCOUNT_LOCKED", { message: ANSWERS_LOCKED_MESSAGE });
  }
  if (await ctx.hasher.verify(identity.secretAnswerHash, answer)) {
    // A right answer is not a wrong one: its reservation goes.
    await deleteAnswerAttempt(ctx.db, reserved);
    return;
  }
  const left = await inTransaction(ctx, async (tx) => {
    await recordEvent(ctx, tx, caller, {
      event: "login.failed",
      channel: "link",
      identityId: identity.id,
    });
    return MAX_WRONG_ANSWERS_PER_DAY - (await wrongAnswersSince(tx, identity.id, ctx.now() - DAY));
  });
  if (left <= 0) throw new AppError("ACCOUNT_LOCKED", { message: ANSWERS_LOCKED_MESSAGE });
  throw new AppError("WRONG_SECRET_ANSWER", {
    message: `La réponse à votre question secrète ne correspond pas. Il vous reste ${left} essai${left > 1 ? "s" : ""} aujourd'hui.`,
    fields: { secretAnswer: "La réponse ne correspond pas. Vérifiez l'orthographe." },
  });
}

export async function completeConnectReset(
  ctx: DomainContext,
  caller: Caller,
  input: { token: string; password: string; secretAnswer?: string | undefined },
): Promise<{ linkedToEspace: boolean }> {
  const { identity } = await liveResetLink(ctx, input.token);
  const member = await memberOfIdentityId(ctx, identity.id);
  const verdict = checkPasswordPolicy(input.password, {
    firstName: member?.firstName,
    lastName: member?.lastName,
    birthDate: member?.birthDate,
    email: identity.email,
  });
  if (!verdict.ok)
    throw new AppError("WEAK_PASSWORD", { fields: { password: verdict.problems.join(" ") } });

  const { secretAnswerHash } = identity;
  if (secretAnswerHash !== null) {
    if (!input.secretAnswer) {
      throw new AppError("VALIDATION_ERROR", {
        fields: { secretAnswer: "Saisissez la réponse à votre question secrète." },
      });
    }
    await checkSecretAnswer(ctx, caller, { ...identity, secretAnswerHash }, input.secretAnswer);
  }

  const passwordHash = await ctx.hasher.hash(input.password);
  await inTransaction(ctx, async (tx) => {
    const now = ctx.now();
    // The Espace's row before the identity's (the one order of row locks).
    if (member) await lockMember(tx, member.id);
    if (!(await consumeLink(ctx, tx, input.token, "connect_reset", now))) {
      throw new AppError("TOKEN_INVALID");
    }
    const wasLocked = await unlockAccount(tx, identityAccount(identity.id));
    // The link proved the address: completing the reset also validates it.
    await setIdentityPassword(tx, identity.id, passwordHash, now);
    const channel = "link" as const;
    if (wasLocked) {
      await recordEvent(ctx, tx, caller, {
        event: "account.unlocked",
        channel,
        identityId: identity.id,
      });
    }
    await recordEvent(ctx, tx, caller, {
      event: "password.reset_completed",
      channel,
      identityId: identity.id,
      memberId: member?.id ?? null,
    });
    // A new credential: every other link, pending work and session of the account ends.
    await credentialsChanged(ctx, tx, caller, {
      identityId: identity.id,
      memberId: member?.id,
      channel,
    });
    await queueEmail(
      ctx,
      tx,
      connectPasswordChangedEmail({ to: identity.email, publicUrl: ctx.config.publicUrl }),
    );
  });
  return { linkedToEspace: member !== undefined };
}
