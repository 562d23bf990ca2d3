import type { SQL } from "drizzle-orm";

/**
 * What the store needs of a database engine (ADR 019). The SQL of the store is written
 * once, with drizzle's `sql` template (parameters are always bound, never spliced); each
 * engine renders it in its dialect, runs it, and hands back rows with camelCase keys and
 * numbers for every integer (PostgreSQL's bigint included). What differs between the
 * engines is said here, not in the store: how a transaction begins, whether rows can be
 * locked, and how a unique violation looks.
 */

export type EngineKind = "sqlite" | "postgres";

/** Runs statements: alone (each its own transaction) or inside a transaction. */
export interface Executor {
  /**
   * ` FOR UPDATE` on PostgreSQL, nothing on SQLite (whose write transactions are already
   * serialised): appended to a SELECT that must lock the rows it reads until the end of
   * the transaction.
   */
  readonly forUpdate: SQL;
  /** ` FOR UPDATE SKIP LOCKED` on PostgreSQL (rows another instance is claiming are passed over), nothing on SQLite. */
  readonly skipLocked: SQL;
  /**
   * A subquery of one column, `value`, holding `texts`, bound as one parameter (a JSON
   * array: SQLite's json_each, PostgreSQL's json_array_elements_text): a thousand keys
   * cost one binding, not a thousand. For `column IN (${x.texts(keys)})`.
   */
  texts(values: readonly string[]): SQL;
  /** Every row. */
  all<T>(query: SQL): Promise<T[]>;
  /** The first row, or undefined. */
  get<T>(query: SQL): Promise<T | undefined>;
  /** Runs a statement; how many rows it changed. */
  run(query: SQL): Promise<number>;
}

/** A transaction in progress. */
export interface Tx extends Executor {
  /** Runs `hook` once the transaction has committed (never if it rolls back). */
  afterCommit(hook: () => void): void;
  /**
   * Runs `hook` after `work` has returned and before COMMIT, in the transaction (hooks in
   * the order they were added; one that throws rolls everything back). For writes that
   * must come last, such as the cockpit's counters: taken at the very end, their row
   * locks are held only for the commit.
   */
  beforeCommit(hook: () => Promise<void>): void;
  /**
   * Until the end of the transaction, no other transaction writes to `tables` (names are
   * the store's own, never input). PostgreSQL: LOCK TABLE … IN SHARE ROW EXCLUSIVE MODE;
   * SQLite: nothing to do (its write transactions are already serialised).
   */
  lockTables(tables: readonly string[]): Promise<void>;
  /**
   * Inserts many rows into `table` (values in the order of `columns`) the fastest way
   * the engine has: SQLite runs one prepared statement per row (a row costs no parsing),
   * PostgreSQL multi-row statements (one round trip for many rows). The legacy import's
   * path (ADR 020); names are the store's own, never input.
   */
  insertMany(
    table: string,
    columns: readonly string[],
    rows: ReadonlyArray<readonly unknown[]>,
  ): Promise<void>;
}

export interface Engine extends Executor {
  readonly kind: EngineKind;
  /**
   * Runs `work` in one transaction: every change, or none. SQLite: `BEGIN IMMEDIATE`, one
   * at a time per process (busy_timeout between processes). PostgreSQL: READ COMMITTED,
   * with the row locks the store asks for.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Reads in one consistent snapshot of the whole database (PostgreSQL: a REPEATABLE READ,
   * READ ONLY transaction; SQLite: a deferred read transaction, which in WAL mode blocks no
   * writer), whatever commits meanwhile: for checks that compare figures with the data
   * they count.
   */
  snapshot<T>(work: (x: Executor) => Promise<T>): Promise<T>;
  /** True when `error` is the engine refusing a row that breaks a UNIQUE constraint. */
  isUniqueViolation(error: unknown): boolean;
  /**
   * After emails were delivered and their bodies erased: SQLite folds its WAL into the
   * file (where secure_delete wipes the freed bytes) and truncates it, so that no usable
   * link survives on disk. PostgreSQL has no such thing (ADR 019).
   */
  compact(): Promise<void>;
  close(): Promise<void>;
}

/** snake_case column names as camelCase keys, once per name. */
const camelNames = new Map<string, string>();
export function camel(name: string): string {
  let camelName = camelNames.get(name);
  if (camelName === undefined) {
    camelName = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    camelNames.set(name, camelName);
  }
  return camelName;
}

export function camelRow<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const key in row) out[camel(key)] = row[key];
  return out as T;
}

/** Walks `error` and its causes, returning the first that `match` accepts. */
export function findCause(error: unknown, match: (e: { code?: unknown }) => boolean): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if (match(e as { code?: unknown })) return true;
  }
  return false;
}
