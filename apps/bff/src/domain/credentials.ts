import type { EventChannel } from "../db/vocabulary";
import { bumpIdentityEpoch, bumpMemberEpoch } from "../store/accounts";
import { voidLinks } from "../store/links";
import { deletePending } from "../store/pending";
import { deleteMemberSessions } from "../store/sessions";
import type { Caller, DomainContext, Tx } from "./context";
import { trackMember } from "./funnel";
import { recordEvent } from "./security-events";

/**
 * SPEC "Credential epoch": any change of a credential (a password reset, an unlock, a
 * completed migration, an adviser's action that changes access) voids, in the same
 * transaction, every outstanding link of the account, every pending migration of the
 * Espace and every other session. The account's epoch goes up, so that a link or a
 * pending migration written before the change, even by a concurrent request, can never
 * complete after it: links and pending migrations carry the epoch they were made in.
 */
export async function credentialsChanged(
  ctx: Pick<DomainContext, "keys" | "logger" | "now">,
  tx: Tx,
  caller: Caller,
  change: {
    memberId?: number | null;
    identityId?: number | null;
    channel: EventChannel;
    /** The session of the request that made the change, when it goes on. */
    keepSession?: string | null;
  },
): Promise<void> {
  const now = ctx.now();
  const { memberId, identityId, channel } = change;
  // The Espace's row first, then the identity's: the one order of row locks (ADR 019).
  if (memberId != null) await bumpMemberEpoch(tx, memberId);
  if (identityId != null) {
    await bumpIdentityEpoch(tx, identityId);
    await voidLinks(tx, { identityId }, now);
  }
  if (memberId == null) return;
  await voidLinks(tx, { memberId }, now);
  if (await trackMember(tx, memberId, () => deletePending(tx, memberId))) {
    await recordEvent(ctx, tx, caller, { event: "migration.cancelled", channel, memberId });
  }
  const ended = await deleteMemberSessions(tx, memberId, { except: change.keepSession ?? null });
  if (ended > 0) await recordEvent(ctx, tx, caller, { event: "session.ended", channel, memberId });
}
