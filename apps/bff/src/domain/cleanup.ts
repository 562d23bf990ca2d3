import * as store from "../store/cleanup";
import type { DomainContext } from "./context";
import { inTransaction } from "./context";
import { countExpiredValidationLinks } from "./funnel";
import { deleteExpiredSessions } from "./sessions";
import { deleteExpiredStaffSessions } from "./staff-auth";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Periodic clean-up: expired sessions (members' and staff's), links past their life (kept an hour more for the
 * resend limits that look back an hour), throttle windows over, delivered outbox rows
 * (their bodies are already erased) after 30 days, expired device cookies, and the
 * counters that look back a day or an hour once they no longer count. The failures of
 * identifiers of no account are kept 30 days after the last one: long enough that their
 * lock cannot be told from a member's by waiting (ADR 015). On SQLite, secure_delete
 * wipes the bytes.
 */
export function cleanUp(ctx: Pick<DomainContext, "db">, now: number) {
  return inTransaction(ctx, async (tx) => ({
    // Counted before dead links are deleted: each validation link that expired unopened.
    expiredUnopened: await countExpiredValidationLinks({ now: () => now }, tx, now),
    sessions: await deleteExpiredSessions(tx, now),
    staffSessions: await deleteExpiredStaffSessions(tx, now),
    links: await store.deleteLinksExpiredBefore(tx, now - HOUR),
    throttle: await store.deleteThrottleWindowsBefore(tx, now - 2 * HOUR),
    outbox: await store.deleteSentMailBefore(tx, now - 30 * DAY),
    devices: await store.deleteDevicesExpiredBefore(tx, now),
    answers: await store.deleteAnswerAttemptsBefore(tx, now - DAY),
    notifications: await store.deleteNoticesBefore(tx, now - DAY),
    wizardAddresses: await store.deleteWizardAddressesBefore(tx, now - HOUR),
    identifierFailures: await store.deleteIdentifierFailuresBefore(tx, now - 30 * DAY),
  }));
}
