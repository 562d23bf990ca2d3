import { and, count, eq, gt } from "drizzle-orm";
import { type NotificationKind, notifications } from "../db/schema";
import { enqueueEmail } from "../mail/outbox";
import type { EmailMessage } from "../mail/templates";
import type { AccountRef } from "./accounts";
import type { Store } from "./context";

/**
 * SPEC "Notifications": the notices an account receives by itself (a lock and its way
 * out, a migration started or completed with another address, a "not validated" reset
 * link) are at most 3 of a kind in any 24 hours, so that someone failing on purpose
 * cannot flood a member's mailbox.
 */

export const NOTIFICATIONS_PER_DAY = 3;
const DAY = 24 * 3_600_000;

/** Whether another notice of `kind` may be sent to `account` now. */
export function canNotify(
  store: Store,
  account: AccountRef,
  kind: NotificationKind,
  now: number,
): boolean {
  const row = store
    .select({ n: count() })
    .from(notifications)
    .where(
      and(
        eq(notifications.accountKind, account.kind),
        eq(notifications.accountId, account.id),
        eq(notifications.kind, kind),
        gt(notifications.at, now - DAY),
      ),
    )
    .get();
  return (row?.n ?? 0) < NOTIFICATIONS_PER_DAY;
}

/**
 * Queues the notice built by `message` (called only when it is sent: a link it carries
 * is issued only then), in the caller's transaction; false when the day's 3 are spent.
 */
export function notify(
  tx: Store,
  account: AccountRef,
  kind: NotificationKind,
  message: () => EmailMessage,
  now: number,
): boolean {
  if (!canNotify(tx, account, kind, now)) return false;
  tx.insert(notifications)
    .values({ accountKind: account.kind, accountId: account.id, kind, at: now })
    .run();
  enqueueEmail(tx, message(), now);
  return true;
}
