import { checkPasswordPolicy } from "@mgen/contracts/password";
import type { ResetRequestKind } from "../db/vocabulary";
import {
  legacyPasswordChangedEmail,
  legacyResetEmail,
  migratedReminderEmail,
} from "../mail/templates";
import { lockMember, setMemberPassword } from "../store/accounts";
import { findMemberByDigests, getIdentity, getMember, memberAccount } from "./accounts";
import { type Caller, type DomainContext, inTransaction, type Tx } from "./context";
import { credentialsChanged } from "./credentials";
import { AppError } from "./errors";
import { trackMember } from "./funnel";
import { consumeLink, findLiveLink, hasFreshLink, issueLink } from "./links";
import { unlockAccount } from "./locks";
import { queueEmail } from "./outbox";
import { recordEvent } from "./security-events";

/**
 * Forgotten password and unlock before migration (SPEC journey D). NIR + birth date only
 * address an emailed link to the contact address on file: they never open anything by
 * themselves. The requests are answered in the background (domain/reset-requests.ts).
 */

export const LEGACY_NEUTRAL_MESSAGE =
  "Si ces informations correspondent à un Espace personnel, un email vous a été envoyé à votre adresse de contact.";

export const LEGACY_RESET_DONE_MESSAGE =
  "Votre mot de passe a été modifié et votre compte est débloqué. Lors de votre prochaine connexion vous pourrez changer votre identifiant.";

/** At most one reset link a minute per Espace, however often it is asked for. */
const LINK_EVERY_MS = 60_000;

/**
 * Answers one forgotten-password or unlock request, in the worker's transaction: a reset
 * link when NIR and birth date match an Espace that is not migrated and has a contact
 * address; a reminder of the identifier to a migrated one; nothing otherwise (the screen
 * said to call when there is no contact address).
 */
export async function answerLegacyRequest(
  ctx: DomainContext,
  tx: Tx,
  caller: Caller,
  request: { kind: Exclude<ResetRequestKind, "connect">; nirDigests: string[]; birthDate: string },
): Promise<void> {
  const found = await findMemberByDigests(ctx, request.nirDigests, tx);
  if (!found || found.birthDate !== request.birthDate || !found.contactEmail) return;
  const member = (await lockMember(tx, found.id)) ?? found;
  const to = member.contactEmail;
  if (!to) return;
  const { publicUrl } = ctx.config;
  if (member.identityId !== null) {
    const identity = await getIdentity(ctx, member.identityId, tx);
    if (!identity) return;
    const reminder = migratedReminderEmail({
      to,
      firstName: member.firstName,
      identifier: identity.email,
      publicUrl,
    });
    await queueEmail(ctx, tx, reminder);
    return;
  }
  await sendLegacyResetLink(ctx, tx, caller, { ...member, contactEmail: to }, request.kind, "nir");
}

/**
 * Emails a reset link to the Espace's contact address, unless one went less than a
 * minute ago (false then): the member's own request (channel `nir`) or an adviser's
 * (`staff`), the same link and the same event.
 */
export async function sendLegacyResetLink(
  ctx: DomainContext,
  tx: Tx,
  caller: Caller,
  member: { id: number; firstName: string; contactEmail: string },
  kind: Exclude<ResetRequestKind, "connect">,
  channel: "nir" | "staff",
): Promise<boolean> {
  const now = ctx.now();
  const owner = { memberId: member.id };
  if (await hasFreshLink(tx, "legacy_reset", owner, now - LINK_EVERY_MS, now)) return false;
  const url = await issueLink(ctx, tx, "legacy_reset", owner, now);
  await queueEmail(
    ctx,
    tx,
    legacyResetEmail({ to: member.contactEmail, firstName: member.firstName, url, kind }),
  );
  await recordEvent(ctx, tx, caller, {
    event: "password.reset_requested",
    channel,
    memberId: member.id,
  });
  return true;
}

/**
 * `/reinitialisation`: a new Espace password. It clears the lock and the "no password"
 * state and, as every change of credential, voids the Espace's links, its pending
 * migration and its sessions (SPEC "Credential epoch").
 */
export async function completeLegacyReset(
  ctx: DomainContext,
  caller: Caller,
  token: string,
  password: string,
): Promise<void> {
  const link = await findLiveLink(ctx, ctx.db, token, "legacy_reset", ctx.now());
  const member = link?.memberId != null ? await getMember(ctx, link.memberId) : undefined;
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
  await inTransaction(ctx, async (tx) => {
    if (!(await consumeLink(ctx, tx, token, "legacy_reset", ctx.now()))) {
      throw new AppError("TOKEN_INVALID");
    }
    const set = () => setMemberPassword(tx, member.id, passwordHash);
    if (!(await trackMember(tx, member.id, set))) throw new AppError("TOKEN_INVALID");
    const channel = "link" as const;
    if (await unlockAccount(tx, memberAccount(member.id))) {
      await recordEvent(ctx, tx, caller, {
        event: "account.unlocked",
        channel,
        memberId: member.id,
      });
    }
    await recordEvent(ctx, tx, caller, {
      event: "password.reset_completed",
      channel,
      memberId: member.id,
    });
    await credentialsChanged(ctx, tx, caller, { memberId: member.id, channel });
    if (member.contactEmail) {
      const notice = legacyPasswordChangedEmail({
        to: member.contactEmail,
        firstName: member.firstName,
        publicUrl: ctx.config.publicUrl,
      });
      await queueEmail(ctx, tx, notice);
    }
  });
}
