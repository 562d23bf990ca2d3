import type * as postgres from "../db/postgres/schema";
import type * as sqlite from "../db/sqlite/schema";

/**
 * The rows the store hands the domain, camelCased, every integer a number. They are the
 * SQLite schema's, and the PostgreSQL schema must agree: the checks at the end fail to
 * compile when a column differs between the two.
 */

export type Member = typeof sqlite.members.$inferSelect;
export type Identity = typeof sqlite.identities.$inferSelect;
export type Session = typeof sqlite.sessions.$inferSelect;
export type PendingMigration = typeof sqlite.pendingMigrations.$inferSelect;
export type Link = typeof sqlite.linkTokens.$inferSelect;
export type OutboxRow = typeof sqlite.outbox.$inferSelect;
export type ResetRequestRow = typeof sqlite.resetRequests.$inferSelect;
export type SecurityEventRow = typeof sqlite.securityEvents.$inferSelect;
export type StaffAccount = typeof sqlite.staffAccounts.$inferSelect;
export type StaffSession = typeof sqlite.staffSessions.$inferSelect;
export type StaffAuditRow = typeof sqlite.staffAudit.$inferSelect;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Twins<T extends keyof typeof sqlite & keyof typeof postgres> = (typeof sqlite)[T] extends {
  $inferSelect: infer S;
}
  ? (typeof postgres)[T] extends { $inferSelect: infer P }
    ? Same<S, P>
    : false
  : false;

/** Every table, compared column by column (name, type, nullability) between the two schemas. */
const schemasAgree: {
  [T in keyof typeof sqlite & keyof typeof postgres]: Twins<T>;
} = {
  identities: true,
  members: true,
  pendingMigrations: true,
  sessions: true,
  linkTokens: true,
  outbox: true,
  resetRequests: true,
  throttleHits: true,
  identifierFailures: true,
  devices: true,
  answerAttempts: true,
  notifications: true,
  wizardAddresses: true,
  securityEvents: true,
  staffAccounts: true,
  staffSessions: true,
  staffAudit: true,
  funnelCounters: true,
  funnelEvents: true,
};
void schemasAgree;
