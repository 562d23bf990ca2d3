import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite from "better-sqlite3";
import { type SQL, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { camel, type Engine, type Executor, findCause, type Tx } from "../engine";

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "migrations");

/**
 * One connection at a time: a transaction holds it from BEGIN to COMMIT, and statements
 * outside a transaction wait for it. Without this gate, a statement of another request
 * could run between two statements of an open transaction on the same connection (their
 * `await`s interleave) and become part of it.
 */
class Gate {
  private held = false;
  private readonly waiting: Array<() => void> = [];

  get busy(): boolean {
    return this.held;
  }

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

/** A compiled statement and, for one that returns rows, the camelCase key of each column. */
type Prepared = { statement: BetterSqlite.Statement; keys: string[] };

/**
 * Switches a statement that returns rows to arrays of values, and returns the camelCase
 * keys of its columns, for `rowOf` to build each row with. better-sqlite3 builds a row
 * object through V8's API, making a string of each column's name again for every row (and
 * the rows were then copied under camelCase keys): on the session read of every request,
 * that cost more than SQLite's look-up itself. The same rows built here from keys made
 * once cost a fraction of it.
 */
function rawKeys(statement: BetterSqlite.Statement): string[] {
  statement.raw(true);
  return statement.columns().map((column) => camel(column.name));
}

export type SqliteEngine = Engine & {
  readonly kind: "sqlite";
  /** The better-sqlite3 connection, for what only SQLite has (checkpoints, tests). */
  readonly connection: BetterSqlite.Database;
  /** Applies the committed migrations; true when the file had no tables before (fresh). */
  migrate(): boolean;
};

/**
 * Opens (and creates) the SQLite file with the settings every process must share: WAL so
 * readers never wait for the writer, a busy timeout so that several processes on one
 * file queue instead of failing, foreign keys on, and secure_delete so that erased content
 * (delivered email bodies, used tokens) does not survive in the file.
 */
export function openSqlite(path: string): SqliteEngine {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const connection = new BetterSqlite(path);
  connection.pragma("journal_mode = WAL");
  connection.pragma("busy_timeout = 5000");
  connection.pragma("foreign_keys = ON");
  connection.pragma("secure_delete = ON");
  connection.pragma("synchronous = NORMAL");
  const dialect = new SQLiteSyncDialect();
  // Statements compiled once per SQL text, then reused: the hot paths (every request's
  // session, sign-ins, throttling) never compile SQL again.
  const statements = new Map<string, Prepared>();
  const inserts = new Map<string, BetterSqlite.Statement>();
  const gate = new Gate();
  const none = sql``;

  function prepared(query: SQL): { entry: Prepared; params: unknown[] } {
    const { sql: text, params } = dialect.sqlToQuery(query);
    let entry = statements.get(text);
    if (!entry) {
      const statement = connection.prepare(text);
      entry = { statement, keys: statement.reader ? rawKeys(statement) : [] };
      statements.set(text, entry);
    }
    return { entry, params: params as unknown[] };
  }

  /** The row of `values` under the statement's camelCase keys. */
  function rowOf<T>(entry: Prepared, values: unknown[]): T {
    // A schema change recompiles a statement, and `SELECT *` may then have other columns.
    if (values.length !== entry.keys.length) entry.keys = rawKeys(entry.statement);
    const { keys } = entry;
    const row: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) row[keys[i] as string] = values[i];
    return row as T;
  }

  const texts = (values: readonly string[]) =>
    sql`SELECT value FROM json_each(${JSON.stringify(values)})`;

  const direct: Executor = {
    forUpdate: none,
    skipLocked: none,
    texts,
    async all<T>(query: SQL) {
      const { entry, params } = prepared(query);
      return (entry.statement.all(...params) as unknown[][]).map((values) =>
        rowOf<T>(entry, values),
      );
    },
    async get<T>(query: SQL) {
      const { entry, params } = prepared(query);
      const values = entry.statement.get(...params) as unknown[] | undefined;
      return values === undefined ? undefined : rowOf<T>(entry, values);
    },
    async run(query: SQL) {
      const { entry, params } = prepared(query);
      const { statement } = entry;
      if (statement.reader) return (statement.all(...params) as unknown[]).length;
      return statement.run(...params).changes;
    },
  };

  async function insertMany(
    table: string,
    columns: readonly string[],
    rows: ReadonlyArray<readonly unknown[]>,
  ) {
    const text = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
    let statement = inserts.get(text);
    if (!statement) {
      statement = connection.prepare(text);
      inserts.set(text, statement);
    }
    for (const row of rows) statement.run(row as unknown[]);
  }

  /** A statement outside a transaction: at once, unless a transaction holds the connection. */
  async function alone<T>(work: () => Promise<T>): Promise<T> {
    if (!gate.busy) return work();
    await gate.acquire();
    try {
      return await work();
    } finally {
      gate.release();
    }
  }

  return {
    kind: "sqlite",
    connection,
    forUpdate: none,
    skipLocked: none,
    texts,
    all: (query) => alone(() => direct.all(query)),
    get: (query) => alone(() => direct.get(query)),
    run: (query) => alone(() => direct.run(query)),
    async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      await gate.acquire();
      const hooks: Array<() => void> = [];
      const lastWrites: Array<() => Promise<void>> = [];
      try {
        connection.exec("BEGIN IMMEDIATE");
        let result: T;
        try {
          result = await work({
            ...direct,
            insertMany,
            afterCommit: (hook) => hooks.push(hook),
            beforeCommit: (hook) => lastWrites.push(hook),
            lockTables: async () => {},
          });
          for (const write of lastWrites) await write();
          connection.exec("COMMIT");
        } catch (error) {
          if (connection.inTransaction) connection.exec("ROLLBACK");
          throw error;
        }
        for (const hook of hooks) hook();
        return result;
      } finally {
        gate.release();
      }
    },
    // A read transaction (BEGIN, deferred): in WAL mode it sees one snapshot and blocks no
    // writer, so that `pnpm funnel:check` may read for seconds beside a live server.
    async snapshot(work) {
      await gate.acquire();
      try {
        connection.exec("BEGIN");
        try {
          return await work(direct);
        } finally {
          if (connection.inTransaction) connection.exec("ROLLBACK");
        }
      } finally {
        gate.release();
      }
    },
    isUniqueViolation: (error) => findCause(error, (e) => e.code === "SQLITE_CONSTRAINT_UNIQUE"),
    migrate() {
      const fresh = connection
        .prepare(
          "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'members'",
        )
        .get() as {
        n: number;
      };
      migrate(drizzle(connection), { migrationsFolder });
      return fresh.n === 0;
    },
    compact: () =>
      alone(async () => {
        connection.pragma("wal_checkpoint(TRUNCATE)");
      }),
    async close() {
      connection.close();
    },
  };
}
