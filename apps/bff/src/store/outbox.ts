import { sql } from "drizzle-orm";
import type { Executor } from "../db/engine";
import type { OutboxRow } from "./rows";

/** Emails to send (invariant 7): queued in a change's transaction, claimed, then sent once. */

export async function enqueue(
  x: Executor,
  message: { to: string; subject: string; text: string; html: string },
  now: number,
): Promise<void> {
  await x.run(
    sql`INSERT INTO outbox (recipient, subject, text_body, html_body, created_at, next_attempt_at)
        VALUES (${message.to}, ${message.subject}, ${message.text}, ${message.html}, ${now}, ${now})`,
  );
}

/**
 * Claims up to `limit` due emails for `leaseMs`: their next attempt moves past the lease,
 * so that no other instance takes them meanwhile, and they come back to every instance
 * if this one dies. On PostgreSQL rows being claimed elsewhere are skipped (SKIP LOCKED).
 */
export async function claimDue(
  x: Executor,
  now: number,
  leaseMs: number,
  limit: number,
): Promise<OutboxRow[]> {
  return x.all<OutboxRow>(
    sql`UPDATE outbox SET next_attempt_at = ${now + leaseMs}
        WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ${now}
                     ORDER BY next_attempt_at, id LIMIT ${limit}${x.skipLocked})
        RETURNING *`,
  );
}

/** Is any email due? A read, so that an idle dispatcher costs no write. */
export async function anyDue(x: Executor, now: number): Promise<boolean> {
  return (
    (await x.get(
      sql`SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ${now} LIMIT 1`,
    )) !== undefined
  );
}

/** Delivered: the body (which may hold a link) is erased. */
export async function markSent(
  x: Executor,
  id: number,
  attempts: number,
  now: number,
): Promise<void> {
  await x.run(
    sql`UPDATE outbox SET sent_at = ${now}, attempts = ${attempts}, text_body = NULL, html_body = NULL, last_error = NULL
        WHERE id = ${id}`,
  );
}

export async function markFailed(
  x: Executor,
  id: number,
  attempts: number,
  nextAttemptAt: number,
  error: string,
): Promise<void> {
  await x.run(
    sql`UPDATE outbox SET attempts = ${attempts}, next_attempt_at = ${nextAttemptAt}, last_error = ${error} WHERE id = ${id}`,
  );
}
