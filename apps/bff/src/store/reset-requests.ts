import { sql } from "drizzle-orm";
import type { Executor, Tx } from "../db/engine";
import type { ResetRequestRow } from "./rows";

/** The queue of forgotten-password, unlock and MGEN Connect reset requests (ADR 011). */

export async function insertResetRequest(
  x: Executor,
  request: Omit<ResetRequestRow, "id">,
): Promise<void> {
  await x.run(
    sql`INSERT INTO reset_requests (kind, nir_hashes, birth_date, email, request_id, client, created_at)
        VALUES (${request.kind}, ${request.nirHashes}, ${request.birthDate}, ${request.email}, ${request.requestId},
          ${request.client}, ${request.createdAt})`,
  );
}

export async function anyResetRequest(x: Executor): Promise<boolean> {
  return (await x.get(sql`SELECT id FROM reset_requests LIMIT 1`)) !== undefined;
}

/** Takes the oldest request out of the queue, in the caller's transaction (skipping those another instance holds). */
export async function takeOldest(tx: Tx): Promise<ResetRequestRow | undefined> {
  return tx.get<ResetRequestRow>(
    sql`DELETE FROM reset_requests
        WHERE id = (SELECT id FROM reset_requests ORDER BY id LIMIT 1${tx.skipLocked})
        RETURNING *`,
  );
}
