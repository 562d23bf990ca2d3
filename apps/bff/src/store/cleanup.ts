import { sql } from "drizzle-orm";
import type { Executor } from "../db/engine";

/** The periodic clean-up's deletes: what has outlived its use (domain/cleanup.ts says when). */

export async function deleteLinksExpiredBefore(x: Executor, before: number): Promise<number> {
  return x.run(sql`DELETE FROM link_tokens WHERE expires_at < ${before}`);
}

export async function deleteThrottleWindowsBefore(x: Executor, before: number): Promise<number> {
  return x.run(sql`DELETE FROM throttle_hits WHERE window_start < ${before}`);
}

export async function deleteSentMailBefore(x: Executor, before: number): Promise<number> {
  return x.run(sql`DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ${before}`);
}

export async function deleteDevicesExpiredBefore(x: Executor, before: number): Promise<number> {
  return x.run(sql`DELETE FROM devices WHERE expires_at < ${before}`);
}

export async function deleteAnswerAttemptsBefore(x: Executor, before: number): Promise<number> {
  return x.run(sql`DELETE FROM answer_attempts WHERE at < ${before}`);
}

export async function deleteNoticesBefore(x: Executor, before: number): Promise<number> {
  return x.run(sql`DELETE FROM notifications WHERE at < ${before}`);
}

export async function deleteWizardAddressesBefore(x: Executor, before: number): Promise<number> {
  return x.run(sql`DELETE FROM wizard_addresses WHERE at < ${before}`);
}

export async function deleteIdentifierFailuresBefore(x: Executor, before: number): Promise<number> {
  return x.run(sql`DELETE FROM identifier_failures WHERE updated_at < ${before}`);
}

/** Does the database answer? */
export async function ping(x: Executor): Promise<void> {
  await x.get(sql`SELECT 1 AS one`);
}

/**
 * Erases every account and what hangs on them (sessions, links, pending work, devices,
 * counters, queued mail), for the demo data. Security events stay: they are append-only.
 */
export async function wipeAccounts(x: Executor): Promise<void> {
  for (const table of [
    sql`sessions`,
    sql`link_tokens`,
    sql`pending_migrations`,
    sql`outbox`,
    sql`reset_requests`,
    sql`devices`,
    sql`identifier_failures`,
    sql`notifications`,
    sql`answer_attempts`,
    sql`wizard_addresses`,
    sql`funnel_events`,
    sql`funnel_counters`,
  ]) {
    await x.run(sql`DELETE FROM ${table}`);
  }
  await x.run(sql`DELETE FROM members`);
  await x.run(sql`DELETE FROM identities`);
}

/** Is there any Espace? */
export async function anyMember(x: Executor): Promise<boolean> {
  return (await x.get(sql`SELECT id FROM members LIMIT 1`)) !== undefined;
}
