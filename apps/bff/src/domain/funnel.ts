import {
  DAILY_METRICS,
  type DailyMetric,
  DROP_OFF_REASONS,
  type DropOffReason,
  FUNNEL_DAYS_DEFAULT,
  FUNNEL_STATE_LABELS,
  type Funnel,
  type FunnelDay,
  MIGRATION_PATHS,
  type StuckState,
} from "@mgen/contracts/staff";
import * as store from "../store/funnel";
import type { DomainContext, Executor, Tx } from "./context";
import { CSV_BOM, csvLines } from "./csv";

/**
 * The migration cockpit's figures (OPERATIONS.md §3, ADR 022), each defined here once.
 *
 * - **Current figures** (the funnel's states, migrations by path, locked, no password, no
 *   contact email, the total) are counts of Espaces by their facts (`store/funnel.ts`
 *   says what each fact is, in SQL). Every transaction that can change an Espace's facts
 *   reads them before and after its change (`trackMember`) and moves the counters by the
 *   difference.
 * - **Dated figures** (the daily series and the drop-off reasons) are counts of facts of
 *   the log `funnel_events` by calendar day in Europe/Paris, each written by the
 *   transaction that makes it true (`countFact`), and counted twice: on its day, and in
 *   its all-time total (the row of day ''), so that the endpoint reads the days it shows
 *   and the totals, never a year of days.
 *
 * Counters change at the very end of their transaction (`Tx.beforeCommit`), in one sorted
 * order, so that their row locks are held only for the commit and two transactions never
 * wait on each other for them. `checkCounters` recounts everything from the data.
 */

/** The dated facts, and the daily figure or drop-off reason each one counts toward. */
export const FUNNEL_FACTS = {
  started: "started",
  links_sent: "linksSent",
  links_opened: "linksOpened",
  migrated: "migrated",
  locks: "locks",
  resets: "resets",
  "drop:link_expired": null,
  "drop:email_taken": null,
  "drop:link_refused_not_validated": null,
  "drop:link_refused_locked": null,
  "drop:link_refused_wrong_password": null,
} as const satisfies Record<string, DailyMetric | null>;
export type FunnelFact = keyof typeof FUNNEL_FACTS;

/** Where each drop-off reason's count comes from: dated facts, or a current figure. */
const DROP_OFF_SOURCES: Record<DropOffReason, { fact: FunnelFact } | { current: string }> = {
  link_expired: { fact: "drop:link_expired" },
  email_taken: { fact: "drop:email_taken" },
  link_refused_not_validated: { fact: "drop:link_refused_not_validated" },
  link_refused_locked: { fact: "drop:link_refused_locked" },
  link_refused_wrong_password: { fact: "drop:link_refused_wrong_password" },
  locked: { fact: "locks" },
  no_contact_email: { current: "flag:no_contact_email" },
};

const PARIS = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar day in Europe/Paris of a time, YYYY-MM-DD. */
export function parisDay(at: number): string {
  return PARIS.format(at);
}

/** `day` moved by `n` calendar days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export type Facts = store.FactsRow;

/** The current counters an Espace with these facts adds one to. */
export function countersOf(f: Facts): string[] {
  const names = ["total", `state:${f.state}`];
  if (f.state === "migrated" && f.migratedBy) names.push(`by:${f.migratedBy}`);
  if (f.locked) names.push("flag:locked");
  if (f.noPassword) names.push("flag:no_password");
  if (f.noContactEmail) names.push("flag:no_contact_email");
  return names;
}

/** The counters' changes of each open transaction, written just before its commit. */
const changes = new WeakMap<Tx, Map<string, number>>();
const SEPARATOR = "\u0000";

function add(tx: Tx, name: string, day: string, delta: number): void {
  let deltas = changes.get(tx);
  if (!deltas) {
    const created = new Map<string, number>();
    deltas = created;
    changes.set(tx, created);
    tx.beforeCommit(async () => {
      const sorted = [...created]
        .filter(([, d]) => d !== 0)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, d]) => {
          const [n, dy] = key.split(SEPARATOR) as [string, string];
          return [n, dy, d] as const;
        });
      if (sorted.length > 0) await store.addToCounters(tx, sorted);
    });
  }
  const key = `${name}${SEPARATOR}${day}`;
  deltas.set(key, (deltas.get(key) ?? 0) + delta);
}

/** Moves the current counters from `before`'s facts to `after`'s (either may be absent). */
export function countChange(tx: Tx, before: Facts | undefined, after: Facts | undefined): void {
  if (before) for (const name of countersOf(before)) add(tx, name, "", -1);
  if (after) for (const name of countersOf(after)) add(tx, name, "", 1);
}

/**
 * Runs `work` (a change to one Espace, in the caller's transaction, after its row lock)
 * and moves the counters by what it changed in the Espace's facts.
 */
export async function trackMember<T>(tx: Tx, memberId: number, work: () => Promise<T>): Promise<T> {
  const before = await store.memberFacts(tx, memberId);
  const result = await work();
  countChange(tx, before, await store.memberFacts(tx, memberId));
  return result;
}

/**
 * Espaces the import has just inserted: not started, locked, without password or without
 * contact address as their row says (the facts of `store/funnel.ts` for a row with no
 * wizard, no pending validation and no migration), counted without reading them back.
 */
export function countImportedEspaces(
  tx: Tx,
  rows: ReadonlyArray<{
    lockedAt: number | null;
    passwordHash: string | null;
    contactEmail: string | null;
  }>,
): void {
  for (const r of rows) {
    countChange(tx, undefined, {
      state: "not_started",
      migratedBy: null,
      locked: r.lockedAt === null ? 0 : 1,
      noPassword: r.passwordHash === null ? 1 : 0,
      noContactEmail: r.contactEmail === null ? 1 : 0,
    });
  }
}

/** A dated fact, in the transaction that makes it true; `at` when it happened (default: now). */
export async function countFact(
  ctx: Pick<DomainContext, "now">,
  tx: Tx,
  name: FunnelFact,
  memberId: number | null,
  at = ctx.now(),
): Promise<void> {
  const day = parisDay(at);
  await store.insertFunnelEvent(tx, { at, day, name, memberId });
  add(tx, name, day, 1);
  add(tx, name, "", 1);
}

/**
 * A member turned back by a refusal (its own transaction: the refused one rolled back).
 * Never throws: should it fail, the member still gets the refusal itself, and the fact
 * and its counters are both missing, never one without the other.
 */
export async function countDropOff(
  ctx: Pick<DomainContext, "db" | "now">,
  name: Extract<FunnelFact, `drop:${string}`>,
  memberId: number,
): Promise<void> {
  await ctx.db.transaction((tx) => countFact(ctx, tx, name, memberId)).catch(() => undefined);
}

/** The Espace's first NIR sign-in: it enters the wizard (counted once). */
export async function startWizard(
  ctx: Pick<DomainContext, "now">,
  tx: Tx,
  memberId: number,
): Promise<void> {
  const now = ctx.now();
  const started = await trackMember(tx, memberId, () => store.markWizardStarted(tx, memberId, now));
  if (started) await countFact(ctx, tx, "started", memberId, now);
}

/**
 * Validation links that expired unopened (the periodic clean-up, before dead links are
 * deleted): each counted once, on the day it expired.
 */
export async function countExpiredValidationLinks(
  ctx: Pick<DomainContext, "now">,
  tx: Tx,
  now: number,
): Promise<number> {
  const expired = await store.voidExpiredValidationLinks(tx, now);
  for (const link of expired) {
    await countFact(ctx, tx, "drop:link_expired", link.memberId, link.expiresAt);
  }
  return expired.length;
}

/** Every counter as the data says it should be: Espaces by facts, dated facts by day. */
async function recount(x: Executor): Promise<Map<string, number>> {
  const expected = new Map<string, number>();
  for (const row of await store.factsCensus(x)) {
    for (const name of countersOf(row)) {
      const key = `${name}${SEPARATOR}`;
      expected.set(key, (expected.get(key) ?? 0) + row.n);
    }
  }
  for (const row of await store.eventCensus(x)) {
    expected.set(`${row.name}${SEPARATOR}${row.day}`, row.value);
    const total = `${row.name}${SEPARATOR}`;
    expected.set(total, (expected.get(total) ?? 0) + row.value);
  }
  return expected;
}

export type CounterDifference = { name: string; day: string; counted: number; expected: number };

/**
 * Recounts every counter from the data, in one snapshot, and says where the counters
 * differ (none: they are right). `pnpm funnel:check` prints it.
 */
export async function checkCounters(
  ctx: Pick<DomainContext, "db">,
): Promise<{ differences: CounterDifference[]; counters: number; espaces: number }> {
  return ctx.db.snapshot(async (x) => {
    const expected = await recount(x);
    const counted = new Map<string, number>();
    for (const r of await store.readCounters(x)) {
      counted.set(`${r.name}${SEPARATOR}${r.day}`, r.value);
    }
    const differences: CounterDifference[] = [];
    for (const key of new Set([...expected.keys(), ...counted.keys()])) {
      const e = expected.get(key) ?? 0;
      const c = counted.get(key) ?? 0;
      if (e !== c) {
        const [name, day] = key.split(SEPARATOR) as [string, string];
        differences.push({ name, day, counted: c, expected: e });
      }
    }
    differences.sort((a, b) => (a.name + a.day < b.name + b.day ? -1 : 1));
    return {
      differences,
      counters: counted.size,
      espaces: expected.get(`total${SEPARATOR}`) ?? 0,
    };
  });
}

/**
 * Sets every counter to its recount, no other write to what they count meanwhile (the
 * check's `--repair`, the demo seed, a database that had Espaces before the cockpit).
 */
export async function rebuildCounters(tx: Tx): Promise<number> {
  await tx.lockTables(["members", "pending_migrations", "funnel_events", "funnel_counters"]);
  const expected = await recount(tx);
  const rows = [...expected]
    .filter(([, value]) => value !== 0)
    .map(([key, value]) => {
      const [name, day] = key.split(SEPARATOR) as [string, string];
      return { name, day, value };
    });
  await store.replaceCounters(tx, rows);
  return rows.length;
}

/**
 * At start: a database that holds Espaces but no counters (written before the cockpit)
 * gets them, once, whichever instance comes first.
 */
export async function rebuildCountersIfMissing(ctx: Pick<DomainContext, "db">): Promise<boolean> {
  if (!(await store.countersAreEmpty(ctx.db)) || (await store.membersAreEmpty(ctx.db))) {
    return false;
  }
  return ctx.db.transaction(async (tx) => {
    await tx.lockTables(["funnel_counters"]);
    if (!(await store.countersAreEmpty(tx))) return false;
    await rebuildCounters(tx);
    return true;
  });
}

/** The share of Espaces the projection aims at, and the days of pace it takes. */
export const PROJECTION_SHARE = 0.95;
export const PROJECTION_PACE_DAYS = 14;

/**
 * When `share` of `total` Espaces will have migrated if the pace of the last days goes
 * on: today when it is reached already, null with no pace (or no Espace).
 */
export function projectDate(
  total: number,
  migrated: number,
  migratedLastDays: number,
  today: string,
): string | null {
  if (total === 0) return null;
  const remaining = Math.ceil(PROJECTION_SHARE * total) - migrated;
  if (remaining <= 0) return today;
  const pace = migratedLastDays / PROJECTION_PACE_DAYS;
  if (pace <= 0) return null;
  return addDays(today, Math.ceil(remaining / pace));
}

/** `GET /api/staff/funnel`: every figure, from the counters alone. */
export async function readFunnel(
  ctx: Pick<DomainContext, "db" | "now">,
  days = FUNNEL_DAYS_DEFAULT,
): Promise<Funnel> {
  const now = ctx.now();
  const today = parisDay(now);
  // The days shown, and those of the projection's pace.
  const from = addDays(today, -(Math.max(days, PROJECTION_PACE_DAYS) - 1));
  const current = new Map<string, number>();
  const dated = new Map<string, number>();
  for (const r of await store.readRecentCounters(ctx.db, from)) {
    if (r.day === "") current.set(r.name, r.value);
    else dated.set(`${r.name}${SEPARATOR}${r.day}`, r.value);
  }
  /** A current figure, or the all-time total of a dated fact. */
  const figure = (name: string) => current.get(name) ?? 0;
  const on = (fact: FunnelFact, day: string) => dated.get(`${fact}${SEPARATOR}${day}`) ?? 0;

  const daily: FunnelDay[] = [];
  for (let i = days - 1; i >= 0; i -= 1) {
    const date = addDays(today, -i);
    const day = { date } as FunnelDay;
    for (const metric of DAILY_METRICS) day[metric] = 0;
    for (const [fact, metric] of Object.entries(FUNNEL_FACTS)) {
      if (metric) day[metric] += on(fact as FunnelFact, date);
    }
    daily.push(day);
  }

  let migratedLastDays = 0;
  for (let i = 0; i < PROJECTION_PACE_DAYS; i += 1) {
    migratedLastDays += on("migrated", addDays(today, -i));
  }
  const total = figure("total");
  const migrated = figure("state:migrated");
  return {
    total,
    states: {
      not_started: figure("state:not_started"),
      wizard_started: figure("state:wizard_started"),
      validation_pending: figure("state:validation_pending"),
      migrated,
      locked: figure("flag:locked"),
      no_password: figure("flag:no_password"),
    },
    migratedBy: Object.fromEntries(
      MIGRATION_PATHS.map((path) => [path, figure(`by:${path}`)]),
    ) as Funnel["migratedBy"],
    daily,
    dropOff: DROP_OFF_REASONS.map((reason) => {
      const source = DROP_OFF_SOURCES[reason];
      const count = figure("fact" in source ? source.fact : source.current);
      return { reason, count };
    }),
    projection95: projectDate(total, migrated, migratedLastDays, today),
    at: new Date(now).toISOString(),
  };
}

/** The stuck members' export reads this many rows at a time. */
export const STUCK_PAGE = 2000;

/** The Espaces stuck in `state`, page by page (a stream: memory stays flat at 4 million). */
async function* stuckPages(
  ctx: Pick<DomainContext, "db">,
  state: StuckState,
): AsyncGenerator<store.StuckRow[]> {
  let after = 0;
  for (;;) {
    const page = await store.stuckPage(ctx.db, state, after, STUCK_PAGE);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < STUCK_PAGE) return;
    after = last.id;
  }
}

/** The Espaces stuck in `state`, one by one. */
export async function* stuckMembers(
  ctx: Pick<DomainContext, "db">,
  state: StuckState,
): AsyncGenerator<store.StuckRow> {
  for await (const page of stuckPages(ctx, state)) yield* page;
}

export const STUCK_CSV_HEADER = ["nom", "prenom", "email_contact", "etat", "depuis"] as const;

/**
 * The stuck members of `state` as CSV for a reminder campaign (OPERATIONS.md §3):
 * `;`-separated, UTF-8 with a BOM, a header row, one chunk per page read; cells that a
 * spreadsheet would run as a formula are escaped. No NIR, no identifier of any kind.
 */
export async function* stuckCsv(
  ctx: Pick<DomainContext, "db">,
  state: StuckState,
): AsyncGenerator<string> {
  const label = FUNNEL_STATE_LABELS[state];
  yield CSV_BOM + csvLines([STUCK_CSV_HEADER]);
  for await (const page of stuckPages(ctx, state)) {
    yield csvLines(
      page.map((m) => [
        m.lastName,
        m.firstName,
        m.contactEmail ?? "",
        label,
        new Date(m.since).toISOString(),
      ]),
    );
  }
}
