import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../db/engine";

/**
 * The migration cockpit's data (OPERATIONS.md §3, ADR 022): the facts of an Espace it
 * counts, its counters, and its log of dated facts. What each fact means is said once,
 * here, in SQL: the counters' upkeep (one Espace at a time), their check (every Espace
 * at once) and the stuck members' export all read it through these fragments.
 */

export type FunnelStateName = "not_started" | "wizard_started" | "validation_pending" | "migrated";
export type StuckFilter =
  | "not_started"
  | "wizard_started"
  | "validation_pending"
  | "locked"
  | "no_password";

/** Each Espace is in exactly one state: migrated, else pending, else started, else not started. */
const STATE = sql`CASE
    WHEN m.migrated_at IS NOT NULL THEN 'migrated'
    WHEN EXISTS (SELECT 1 FROM pending_migrations p WHERE p.member_id = m.id) THEN 'validation_pending'
    WHEN m.wizard_started_at IS NOT NULL THEN 'wizard_started'
    ELSE 'not_started' END`;
/** Counted beside the states, for Espaces not migrated yet. */
const LOCKED = sql`CASE WHEN m.migrated_at IS NULL AND m.locked_at IS NOT NULL THEN 1 ELSE 0 END`;
const NO_PASSWORD = sql`CASE WHEN m.migrated_at IS NULL AND m.password_hash IS NULL THEN 1 ELSE 0 END`;
const NO_CONTACT = sql`CASE WHEN m.migrated_at IS NULL AND m.contact_email IS NULL THEN 1 ELSE 0 END`;

const FACTS = sql`${STATE} AS state, m.migrated_by AS migrated_by, ${LOCKED} AS locked,
  ${NO_PASSWORD} AS no_password, ${NO_CONTACT} AS no_contact_email`;

export type FactsRow = {
  state: FunnelStateName;
  migratedBy: "contact_email" | "other_address" | "link" | null;
  locked: number;
  noPassword: number;
  noContactEmail: number;
};

/**
 * One Espace's facts, its row locked until the end of the transaction (the facts of an
 * Espace change only under its row lock, so that a before and an after read in one
 * transaction see no one else's change between them).
 */
export async function memberFacts(x: Executor, memberId: number): Promise<FactsRow | undefined> {
  return x.get<FactsRow>(
    sql`SELECT ${FACTS} FROM members m WHERE m.id = ${memberId}${x.forUpdate}`,
  );
}

/** How many Espaces share each combination of facts: the counters recounted from the data. */
export async function factsCensus(x: Executor): Promise<Array<FactsRow & { n: number }>> {
  return x.all(
    sql`SELECT state, migrated_by, locked, no_password, no_contact_email, count(*) AS n
        FROM (SELECT ${FACTS} FROM members m) f
        GROUP BY state, migrated_by, locked, no_password, no_contact_email`,
  );
}

/** The Espace entered the wizard (its first NIR sign-in): true the first time only. */
export async function markWizardStarted(
  x: Executor,
  memberId: number,
  now: number,
): Promise<boolean> {
  const changed = await x.run(
    sql`UPDATE members SET wizard_started_at = ${now}
        WHERE id = ${memberId} AND wizard_started_at IS NULL AND migrated_at IS NULL`,
  );
  return changed > 0;
}

export type CounterRow = { name: string; day: string; value: number };

export async function readCounters(x: Executor): Promise<CounterRow[]> {
  return x.all<CounterRow>(sql`SELECT name, day, value FROM funnel_counters`);
}

/** The counters that are not by day, and those of the days from `fromDay` on. */
export async function readRecentCounters(x: Executor, fromDay: string): Promise<CounterRow[]> {
  return x.all<CounterRow>(
    sql`SELECT name, day, value FROM funnel_counters WHERE day = '' OR day >= ${fromDay}`,
  );
}

/**
 * Adds each delta to its counter, in the order given (callers sort them, so that two
 * transactions never take the counters' row locks in opposite orders).
 */
export async function addToCounters(
  x: Executor,
  deltas: ReadonlyArray<readonly [name: string, day: string, delta: number]>,
): Promise<void> {
  for (const [name, day, delta] of deltas) {
    await x.run(
      sql`INSERT INTO funnel_counters (name, day, value) VALUES (${name}, ${day}, ${delta})
          ON CONFLICT (name, day) DO UPDATE SET value = funnel_counters.value + ${delta}`,
    );
  }
}

/** Every counter replaced by `rows` (the check's repair, the demo seed). */
export async function replaceCounters(x: Executor, rows: readonly CounterRow[]): Promise<void> {
  await x.run(sql`DELETE FROM funnel_counters`);
  for (const r of rows) {
    await x.run(
      sql`INSERT INTO funnel_counters (name, day, value) VALUES (${r.name}, ${r.day}, ${r.value})`,
    );
  }
}

export async function countersAreEmpty(x: Executor): Promise<boolean> {
  return (await x.get(sql`SELECT 1 AS one FROM funnel_counters LIMIT 1`)) === undefined;
}

export async function membersAreEmpty(x: Executor): Promise<boolean> {
  return (await x.get(sql`SELECT 1 AS one FROM members LIMIT 1`)) === undefined;
}

export async function insertFunnelEvent(
  x: Executor,
  e: { at: number; day: string; name: string; memberId: number | null },
): Promise<void> {
  await x.run(
    sql`INSERT INTO funnel_events (at, day, name, member_id) VALUES (${e.at}, ${e.day}, ${e.name}, ${e.memberId})`,
  );
}

/** The dated facts recounted: how many of each name each day. */
export async function eventCensus(x: Executor): Promise<CounterRow[]> {
  return x.all<CounterRow>(
    sql`SELECT name, day, count(*) AS value FROM funnel_events GROUP BY name, day`,
  );
}

export async function deleteFunnelEvents(x: Executor): Promise<void> {
  await x.run(sql`DELETE FROM funnel_events`);
}

/**
 * Validation links that reached their expiry unopened while still valid: marked void
 * (they could not be used any more anyway), so that each is counted once. Their Espace
 * and when each expired.
 */
export async function voidExpiredValidationLinks(
  x: Executor,
  now: number,
): Promise<Array<{ memberId: number | null; expiresAt: number }>> {
  return x.all(
    sql`UPDATE link_tokens SET voided_at = expires_at
        WHERE purpose = 'email_validation' AND used_at IS NULL AND voided_at IS NULL AND expires_at <= ${now}
        RETURNING member_id, expires_at`,
  );
}

const STUCK_WHERE: Record<StuckFilter, SQL> = {
  not_started: sql`(${STATE}) = 'not_started'`,
  wizard_started: sql`(${STATE}) = 'wizard_started'`,
  validation_pending: sql`(${STATE}) = 'validation_pending'`,
  locked: sql`(${LOCKED}) = 1`,
  no_password: sql`(${NO_PASSWORD}) = 1`,
};

/** Since when an Espace is where it is stuck. */
const STUCK_SINCE: Record<StuckFilter, SQL> = {
  not_started: sql`m.created_at`,
  wizard_started: sql`m.wizard_started_at`,
  validation_pending: sql`(SELECT p.created_at FROM pending_migrations p WHERE p.member_id = m.id)`,
  locked: sql`m.locked_at`,
  no_password: sql`m.created_at`,
};

export type StuckRow = {
  id: number;
  lastName: string;
  firstName: string;
  contactEmail: string | null;
  since: number;
};

/** One page of the Espaces stuck in `filter`, by id after `afterId`. */
export async function stuckPage(
  x: Executor,
  filter: StuckFilter,
  afterId: number,
  limit: number,
): Promise<StuckRow[]> {
  return x.all<StuckRow>(
    sql`SELECT m.id, m.last_name, m.first_name, m.contact_email, ${STUCK_SINCE[filter]} AS since
        FROM members m WHERE m.id > ${afterId} AND ${STUCK_WHERE[filter]}
        ORDER BY m.id LIMIT ${limit}`,
  );
}
