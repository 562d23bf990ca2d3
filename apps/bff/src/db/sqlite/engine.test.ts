import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openSqlite, type SqliteEngine } from "./engine";

/**
 * The SQLite engine reads rows as arrays of values and builds each row itself under the
 * statement's camelCase keys (`rawKeys`): the rows must be those better-sqlite3 would
 * have built, whatever the statement.
 */

const opened: SqliteEngine[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
});

function open(): SqliteEngine {
  const db = openSqlite(":memory:");
  opened.push(db);
  return db;
}

describe("the SQLite engine's rows", () => {
  it("follow a schema change: a statement compiled before sees the columns added since", async () => {
    const db = open();
    await db.run(sql`CREATE TABLE t (id integer PRIMARY KEY, first_name text)`);
    await db.run(sql`INSERT INTO t (first_name) VALUES ('Luc')`);
    expect(await db.get(sql`SELECT * FROM t`)).toEqual({ id: 1, firstName: "Luc" });
    await db.run(sql`ALTER TABLE t ADD last_name text DEFAULT 'Robert'`);
    expect(await db.get(sql`SELECT * FROM t`)).toEqual({
      id: 1,
      firstName: "Luc",
      lastName: "Robert",
    });
  });
});
