import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type SQL, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { camelRow, type Engine, type Executor, findCause, type Tx } from "../engine";

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "migrations");

/** One key for the advisory lock that lets one instance at a time migrate. */
const MIGRATION_LOCK = 0x4d47454e; // "MGEN"

/** bigint (int8: times in milliseconds, counts) as a JavaScript number: every value fits. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

export type PostgresEngine = Engine & {
  readonly kind: "postgres";
  readonly pool: pg.Pool;
  /**
   * Applies the committed migrations under an advisory lock, so that instances starting
   * together migrate one at a time; true when the database had no tables before (fresh).
   * `whileLocked` runs before the lock is released (the seeding of a fresh database).
   */
  migrate(whileLocked?: (fresh: boolean) => Promise<void>): Promise<boolean>;
};

/**
 * A PostgreSQL database behind a pool of `poolSize` connections. Statements are named
 * prepared statements (parsed and planned once per connection); transactions run at READ
 * COMMITTED, the store taking row locks (`SELECT … FOR UPDATE`) where a rule needs one.
 */
export function openPostgres(url: string, options: { poolSize: number }): PostgresEngine {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize, types });
  // An idle connection that breaks (a restart of the server) must not stop the process.
  pool.on("error", () => {});
  const dialect = new PgDialect();
  const names = new Map<string, string>();
  const forUpdate = sql` FOR UPDATE`;
  const skipLocked = sql` FOR UPDATE SKIP LOCKED`;

  function render(query: SQL): pg.QueryConfig {
    const { sql: text, params } = dialect.sqlToQuery(query);
    let name = names.get(text);
    if (name === undefined) {
      name = `s${names.size + 1}`;
      names.set(text, name);
    }
    return { name, text, values: params as unknown[] };
  }

  const texts = (values: readonly string[]) =>
    sql`SELECT json_array_elements_text(${JSON.stringify(values)}::json) AS value`;

  const on = (client: pg.Pool | pg.PoolClient): Executor => ({
    forUpdate,
    skipLocked,
    texts,
    async all<T>(query: SQL) {
      const result = await client.query(render(query));
      return result.rows.map((r) => camelRow<T>(r));
    },
    async get<T>(query: SQL) {
      const result = await client.query(render(query));
      const row = result.rows[0];
      return row === undefined ? undefined : camelRow<T>(row);
    },
    async run(query: SQL) {
      const result = await client.query(render(query));
      return result.rowCount ?? 0;
    },
  });

  /**
   * Many rows in one statement with one parameter: a JSON array of objects that
   * `json_populate_recordset` turns into rows of the table's own types (columns left out
   * take their defaults), whatever the number of rows (a multi-row VALUES stops at 65,535
   * parameters).
   */
  async function insertMany(
    client: pg.PoolClient,
    table: string,
    columns: readonly string[],
    rows: ReadonlyArray<readonly unknown[]>,
  ) {
    if (rows.length === 0) return;
    const list = columns.map((c) => `"${c}"`).join(", ");
    const text = `INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`;
    let name = names.get(text);
    if (name === undefined) {
      name = `s${names.size + 1}`;
      names.set(text, name);
    }
    const objects = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
    await client.query({ name, text, values: [JSON.stringify(objects)] });
  }

  return {
    kind: "postgres",
    pool,
    ...on(pool),
    async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const hooks: Array<() => void> = [];
      const lastWrites: Array<() => Promise<void>> = [];
      let broken = false;
      try {
        await client.query("BEGIN");
        let result: T;
        try {
          result = await work({
            ...on(client),
            insertMany: (table, columns, rows) => insertMany(client, table, columns, rows),
            afterCommit: (hook) => hooks.push(hook),
            beforeCommit: (hook) => lastWrites.push(hook),
            lockTables: async (tables) => {
              const names = tables.map((t) => `"${t}"`).join(", ");
              await client.query(`LOCK TABLE ${names} IN SHARE ROW EXCLUSIVE MODE`);
            },
          });
          for (const write of lastWrites) await write();
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {
            broken = true;
          });
          throw error;
        }
        for (const hook of hooks) hook();
        return result;
      } finally {
        client.release(broken);
      }
    },
    async snapshot(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        try {
          return await work(on(client));
        } finally {
          await client.query("ROLLBACK");
        }
      } finally {
        client.release();
      }
    },
    isUniqueViolation: (error) => findCause(error, (e) => e.code === "23505"),
    async migrate(whileLocked) {
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
        try {
          const before = await client.query("SELECT to_regclass('public.members') AS members");
          const fresh = before.rows[0]?.members === null;
          await migrate(drizzle(client), { migrationsFolder });
          await whileLocked?.(fresh);
          return fresh;
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    // Erased bodies are dead tuples until autovacuum reuses their space: PostgreSQL does
    // not overwrite them (the host's disk encryption covers that, ADR 019).
    compact: async () => {},
    close: () => pool.end(),
  };
}
