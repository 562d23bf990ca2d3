import { and, isNotNull, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  answerAttempts,
  devices,
  identifierFailures,
  linkTokens,
  notifications,
  outbox,
  throttleHits,
  wizardAddresses,
} from "../db/schema";
import { inTransaction } from "./context";
import { deleteExpiredSessions } from "./sessions";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Periodic clean-up: expired sessions, links past their life (kept an hour more for the
 * resend limits that look back an hour), throttle windows over, delivered outbox rows
 * (their bodies are already erased) after 30 days, expired device cookies, and the
 * counters that look back a day or an hour once they no longer count. The failures of
 * identifiers of no account are kept 30 days after the last one: long enough that their
 * lock cannot be told from a member's by waiting (ADR 014). secure_delete wipes the bytes.
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
      .where(and(isNotNull(outbox.sentAt), lt(outbox.sentAt, now - 30 * DAY)))
      .run().changes,
    devices: tx.delete(devices).where(lt(devices.expiresAt, now)).run().changes,
    answers: tx
      .delete(answerAttempts)
      .where(lt(answerAttempts.at, now - DAY))
      .run().changes,
    notifications: tx
      .delete(notifications)
      .where(lt(notifications.at, now - DAY))
      .run().changes,
    wizardAddresses: tx
      .delete(wizardAddresses)
      .where(lt(wizardAddresses.at, now - HOUR))
      .run().changes,
    identifierFailures: tx
      .delete(identifierFailures)
      .where(lt(identifierFailures.updatedAt, now - 30 * DAY))
      .run().changes,
  }));
}
