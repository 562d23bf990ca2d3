import { sql } from "drizzle-orm";
import type { Executor } from "../db/engine";
import type { AccountKind, NotificationKind, ThrottleBucket } from "../db/vocabulary";

/**
 * The counters that look back in time: throttling windows, wrong secret answers, notices
 * sent, addresses tried in the wizard. A count and the insert that follows it are atomic
 * only under the row lock the caller takes first (the account's, `store/accounts.ts`).
 */

/** Counts one request in its window; the window's count, this one included. */
export async function countHit(
  x: Executor,
  bucket: ThrottleBucket,
  key: string,
  windowStart: number,
): Promise<number> {
  const row = await x.get<{ hits: number }>(
    sql`INSERT INTO throttle_hits (bucket, client, window_start, hits) VALUES (${bucket}, ${key}, ${windowStart}, 1)
        ON CONFLICT (bucket, client, window_start) DO UPDATE SET hits = throttle_hits.hits + 1
        RETURNING hits`,
  );
  return row?.hits ?? 0;
}

export async function wrongAnswersSince(
  x: Executor,
  identityId: number,
  since: number,
): Promise<number> {
  const row = await x.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM answer_attempts WHERE identity_id = ${identityId} AND at > ${since}`,
  );
  return row?.n ?? 0;
}

export async function insertAnswerAttempt(
  x: Executor,
  identityId: number,
  at: number,
): Promise<number> {
  const row = await x.get<{ id: number }>(
    sql`INSERT INTO answer_attempts (identity_id, at) VALUES (${identityId}, ${at}) RETURNING id`,
  );
  if (!row) throw new Error("answer attempt not inserted");
  return row.id;
}

export async function deleteAnswerAttempt(x: Executor, id: number): Promise<void> {
  await x.run(sql`DELETE FROM answer_attempts WHERE id = ${id}`);
}

export async function noticesSince(
  x: Executor,
  accountKind: AccountKind,
  accountId: number,
  kind: NotificationKind,
  since: number,
): Promise<number> {
  const row = await x.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM notifications
        WHERE account_kind = ${accountKind} AND account_id = ${accountId} AND kind = ${kind} AND at > ${since}`,
  );
  return row?.n ?? 0;
}

export async function insertNotice(
  x: Executor,
  accountKind: AccountKind,
  accountId: number,
  kind: NotificationKind,
  at: number,
): Promise<void> {
  await x.run(
    sql`INSERT INTO notifications (account_kind, account_id, kind, at) VALUES (${accountKind}, ${accountId}, ${kind}, ${at})`,
  );
}

/** When the Espace last tried this address at step 1, if ever. */
export async function wizardAddressTriedAt(
  x: Executor,
  memberId: number,
  addressHash: string,
): Promise<number | undefined> {
  const row = await x.get<{ at: number }>(
    sql`SELECT at FROM wizard_addresses WHERE member_id = ${memberId} AND address_hash = ${addressHash}`,
  );
  return row?.at;
}

/** How many addresses the Espace tried since `since`, and when the oldest of them was. */
export async function wizardAddressesSince(
  x: Executor,
  memberId: number,
  since: number,
): Promise<{ n: number; oldest: number | null }> {
  const row = await x.get<{ n: number; oldest: number | null }>(
    sql`SELECT count(*) AS n, min(at) AS oldest FROM wizard_addresses WHERE member_id = ${memberId} AND at > ${since}`,
  );
  return { n: row?.n ?? 0, oldest: row?.oldest ?? null };
}

export async function recordWizardAddress(
  x: Executor,
  memberId: number,
  addressHash: string,
  at: number,
): Promise<void> {
  await x.run(
    sql`INSERT INTO wizard_addresses (member_id, address_hash, at) VALUES (${memberId}, ${addressHash}, ${at})
        ON CONFLICT (member_id, address_hash) DO UPDATE SET at = excluded.at`,
  );
}
