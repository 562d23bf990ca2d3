import { sql } from "drizzle-orm";
import type { Executor } from "../db/engine";

/** The engines every contract test runs on. */
export const ENGINES = ["sqlite", "postgres"] as const;
export type EngineName = (typeof ENGINES)[number];

/** The id of a row found by one column, for tests that arrange data. */
export async function idWhere(
  x: Executor,
  table: "members" | "identities",
  column: string,
  value: string,
) {
  const row = await x.get<{ id: number }>(
    sql`SELECT id FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)} = ${value}`,
  );
  if (!row) throw new Error(`no ${table} row with ${column} = ${value}`);
  return row.id;
}
