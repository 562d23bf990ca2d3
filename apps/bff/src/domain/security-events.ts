import type { EventChannel, SecurityEventName } from "../db/vocabulary";
import { insertEvent } from "../store/events";
import type { Caller, DomainContext, Tx } from "./context";
import { countFact } from "./funnel";

/**
 * SPEC "Security events": each is written in the transaction that makes it true, to the
 * append-only `security_events` table, and logged as one JSON line once that transaction
 * has committed. The subject is pseudonymous: an account id, or a keyed hash of an
 * identifier that belongs to no account; never a NIR, an address, a password or a token.
 */

export type SecurityEvent = {
  event: SecurityEventName;
  channel: EventChannel;
  memberId?: number | null;
  identityId?: number | null;
  /** For an identifier of no account: `nir:…` or `email:…` in clear, hashed here. */
  unknownIdentifier?: string;
};

export function subjectOf(ctx: Pick<DomainContext, "keys">, e: SecurityEvent): string {
  if (e.memberId != null) return `espace:${e.memberId}`;
  if (e.identityId != null) return `identite:${e.identityId}`;
  const digest = ctx.keys.subject.hash(e.unknownIdentifier ?? "").digest;
  return `inconnu:${digest.slice(0, 16)}`;
}

export async function recordEvent(
  ctx: Pick<DomainContext, "keys" | "logger" | "now">,
  tx: Tx,
  caller: Caller,
  e: SecurityEvent,
): Promise<void> {
  const at = ctx.now();
  const subject = subjectOf(ctx, e);
  await insertEvent(tx, {
    at,
    event: e.event,
    channel: e.channel,
    memberId: e.memberId ?? null,
    identityId: e.identityId ?? null,
    subject,
    requestId: caller.requestId,
    client: caller.client,
  });
  // The cockpit's locks and resets (OPERATIONS.md §3) are these events, of an account.
  const account = e.memberId != null || e.identityId != null;
  if (account && e.event === "account.locked")
    await countFact(ctx, tx, "locks", e.memberId ?? null, at);
  if (account && e.event === "password.reset_completed") {
    await countFact(ctx, tx, "resets", e.memberId ?? null, at);
  }
  tx.afterCommit(() =>
    ctx.logger.info(
      {
        event: e.event,
        channel: e.channel,
        subject,
        reqId: caller.requestId,
        client: caller.client,
        at: new Date(at).toISOString(),
      },
      "security event",
    ),
  );
}
