/** The closed lists of values the database stores, shared by both schemas and the domain. */

import { STAFF_ACTIONS, STAFF_ROLES } from "@mgen/contracts/staff";

export type { StaffAction, StaffRole } from "@mgen/contracts/staff";
export { STAFF_ACTIONS, STAFF_ROLES };

export const STAFF_SESSION_STAGES = ["password", "full"] as const;
export type StaffSessionStage = (typeof STAFF_SESSION_STAGES)[number];

export const TOKEN_PURPOSES = [
  "email_validation",
  "migration_cancel",
  "legacy_reset",
  "connect_reset",
] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export const SESSION_KINDS = ["migration", "member"] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const WIZARD_NEXT = ["create", "link"] as const;

export const RESET_REQUEST_KINDS = ["forgot", "unlock", "connect"] as const;
export type ResetRequestKind = (typeof RESET_REQUEST_KINDS)[number];

export const THROTTLE_BUCKETS = ["secret", "email", "identifier"] as const;
export type ThrottleBucket = (typeof THROTTLE_BUCKETS)[number];

export const ACCOUNT_KINDS = ["member", "identity"] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const NOTIFICATION_KINDS = [
  "lock",
  "migration_started",
  "identifier_changed",
  "not_validated",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const SECURITY_EVENTS = [
  "login.succeeded",
  "login.failed",
  "account.locked",
  "account.unlocked",
  "password.reset_requested",
  "password.reset_completed",
  "migration.started",
  "migration.cancelled",
  "migration.completed",
  "identity.linked",
  "session.ended",
] as const;
export type SecurityEventName = (typeof SECURITY_EVENTS)[number];

export const EVENT_CHANNELS = ["nir", "email", "link", "staff"] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export type { MigrationPathName } from "@mgen/contracts/staff";
export { MIGRATION_PATHS } from "@mgen/contracts/staff";
