import type { Db } from "../db/client";
import { outbox } from "../db/schema";
import type { EmailMessage } from "./templates";

/**
 * Writes an email in the outbox. Call it inside the transaction of the change that needs
 * the email: both are kept, or neither (invariant 7). The dispatcher delivers it.
 */
export function enqueueEmail(tx: Pick<Db, "insert">, message: EmailMessage, now: number): void {
  tx.insert(outbox)
    .values({
      recipient: message.to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html,
      createdAt: now,
      nextAttemptAt: now,
    })
    .run();
}
