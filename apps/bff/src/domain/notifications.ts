import type { NotificationKind } from "../db/vocabulary";
import type { EmailMessage } from "../mail/templates";
import { lockAccount } from "../store/accounts";
import { insertNotice, noticesSince } from "../store/counters";
import type { AccountRef } from "./accounts";
import type { DomainContext, Tx } from "./context";
import { queueEmail } from "./outbox";

/**
 * SPEC "Notifications": the notices an account receives by itself (a lock and its way
 * out, a migration started or completed with another address, a "not validated" reset
 * link) are at most 3 of a kind in any 24 hours, so that someone failing on purpose
 * cannot flood a member's mailbox. The count and the insert are atomic under the
 * account's row lock.
 */

export const NOTIFICATIONS_PER_DAY = 3;
const DAY = 24 * 3_600_000;

/** Whether another notice of `kind` may be sent to `account` now (locks the account's row). */
export async function canNotify(
  tx: Tx,
  account: AccountRef,
  kind: NotificationKind,
  now: number,
): Promise<boolean> {
  await lockAccount(tx, account.kind, account.id);
  return (
    (await noticesSince(tx, account.kind, account.id, kind, now - DAY)) < NOTIFICATIONS_PER_DAY
  );
}

/**
 * Queues the notice built by `message` (called only when it is sent: a link it carries
 * is issued only then), in the caller's transaction; false when the day's 3 are spent.
 */
export async function notify(
  ctx: Pick<DomainContext, "now" | "workQueued">,
  tx: Tx,
  account: AccountRef,
  kind: NotificationKind,
  message: () => Promise<EmailMessage> | EmailMessage,
): Promise<boolean> {
  const now = ctx.now();
  if (!(await canNotify(tx, account, kind, now))) return false;
  await insertNotice(tx, account.kind, account.id, kind, now);
  await queueEmail(ctx, tx, await message());
  return true;
}
