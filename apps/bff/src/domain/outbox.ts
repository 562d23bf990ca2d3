import type { EmailMessage } from "../mail/templates";
import { enqueue } from "../store/outbox";
import type { DomainContext, Tx } from "./context";

/**
 * An email is written in the outbox in the transaction of the change that needs it: both
 * are kept, or neither (invariant 7). Once that transaction has committed, the dispatcher
 * is told there is work (it delivers after the answer has left, ADR 011).
 */
export async function queueEmail(
  ctx: Pick<DomainContext, "now" | "workQueued">,
  tx: Tx,
  message: EmailMessage,
): Promise<void> {
  await enqueue(tx, message, ctx.now());
  tx.afterCommit(ctx.workQueued);
}
