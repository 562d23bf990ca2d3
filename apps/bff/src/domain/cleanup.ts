import { and, isNotNull, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { linkTokens, outbox, throttleHits } from "../db/schema";
import { inTransaction } from "./context";
import { deleteExpiredSessions } from "./sessions";

const HOUR = 3_600_000;

/**
 * Periodic clean-up: expired sessions, links past their life (kept an hour more for the
 * resend limits that look back an hour), throttle windows over, and delivered outbox rows
 * (their bodies are already erased) after 30 days. secure_delete wipes the bytes.
 */
export function cleanUp(db: Db, now: number) {
  return inTransaction({ db }, (tx) => ({
    sessions: deleteExpiredSessions(tx, now),
    links: tx
      .delete(linkTokens)
      .where(lt(linkTokens.expiresAt, now - HOUR))
      .run().changes,
    throttle: tx
      .delete(throttleHits)
      .where(lt(throttleHits.windowStart, now - 2 * HOUR))
      .run().changes,
    outbox: tx
      .delete(outbox)
      .where(and(isNotNull(outbox.sentAt), lt(outbox.sentAt, now - 30 * 24 * HOUR)))
      .run().changes,
  }));
}
