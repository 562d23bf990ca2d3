import { sql } from "drizzle-orm";
import type { Executor } from "../db/engine";
import type { PendingMigration } from "./rows";

/** Migrations waiting for their address to be validated (one per Espace at most). */

export async function pendingOf(
  x: Executor,
  memberId: number,
): Promise<PendingMigration | undefined> {
  return x.get<PendingMigration>(
    sql`SELECT * FROM pending_migrations WHERE member_id = ${memberId}`,
  );
}

export async function insertPending(
  x: Executor,
  pending: Omit<PendingMigration, never>,
): Promise<void> {
  await x.run(
    sql`INSERT INTO pending_migrations (member_id, email, password_hash, secret_question_id, secret_answer_hash, epoch, created_at)
        VALUES (${pending.memberId}, ${pending.email}, ${pending.passwordHash}, ${pending.secretQuestionId},
          ${pending.secretAnswerHash}, ${pending.epoch}, ${pending.createdAt})`,
  );
}

/** Deletes the Espace's pending migration; true when there was one. */
export async function deletePending(x: Executor, memberId: number): Promise<boolean> {
  return (await x.run(sql`DELETE FROM pending_migrations WHERE member_id = ${memberId}`)) > 0;
}
