import { eq, sql } from "drizzle-orm";
import { type EventChannel, identities, members, pendingMigrations } from "../db/schema";
import type { Caller, DomainContext, Store } from "./context";
import { voidLinks } from "./links";
import { recordEvent } from "./security-events";
import { endMemberSessions } from "./sessions";

/**
 * SPEC "Credential epoch": any change of a credential (a password reset, an unlock, a
 * completed migration, an adviser's action that changes access) voids, in the same
 * transaction, every outstanding link of the account, every pending migration of the
 * Espace and every other session. The account's epoch goes up, so that a link or a
 * pending migration written before the change, even by a concurrent request, can never
 * complete after it: links and pending migrations carry the epoch they were made in.
 */
export function credentialsChanged(
  ctx: Pick<DomainContext, "keys" | "logger" | "now">,
  tx: Store,
  caller: Caller,
  change: {
    memberId?: number | null;
    identityId?: number | null;
    channel: EventChannel;
    /** The session of the request that made the change, when it goes on. */
    keepSession?: string | null;
  },
): void {
  const now = ctx.now();
  const { memberId, identityId, channel } = change;
  if (identityId != null) {
    tx.update(identities)
      .set({ credentialEpoch: sql`${identities.credentialEpoch} + 1` })
      .where(eq(identities.id, identityId))
      .run();
    voidLinks(tx, { identityId }, now);
  }
  if (memberId == null) return;
  tx.update(members)
    .set({ credentialEpoch: sql`${members.credentialEpoch} + 1` })
    .where(eq(members.id, memberId))
    .run();
  voidLinks(tx, { memberId }, now);
  const pending = tx
    .delete(pendingMigrations)
    .where(eq(pendingMigrations.memberId, memberId))
    .returning({ memberId: pendingMigrations.memberId })
    .get();
  if (pending) recordEvent(ctx, tx, caller, { event: "migration.cancelled", channel, memberId });
  const ended = endMemberSessions(tx, memberId, { except: change.keepSession ?? null });
  if (ended > 0) recordEvent(ctx, tx, caller, { event: "session.ended", channel, memberId });
}
