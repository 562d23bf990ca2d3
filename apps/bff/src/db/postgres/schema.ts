import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
} from "drizzle-orm/pg-core";
import {
  ACCOUNT_KINDS,
  EVENT_CHANNELS,
  MIGRATION_PATHS,
  NOTIFICATION_KINDS,
  RESET_REQUEST_KINDS,
  SESSION_KINDS,
  STAFF_ACTIONS,
  STAFF_ROLES,
  STAFF_SESSION_STAGES,
  THROTTLE_BUCKETS,
  TOKEN_PURPOSES,
  WIZARD_NEXT,
} from "../vocabulary";

/**
 * The PostgreSQL schema (drizzle-kit writes its migrations in ./migrations), twin of
 * ../sqlite/schema.ts: same tables, columns, constraints and indexes; `store/rows.ts` is
 * checked against both at compile time, and the contract suite compares the two live
 * catalogues. Times are bigint milliseconds since the epoch, like SQLite's integers, so
 * that one store serves both (ADR 019); ids are identity columns.
 */

/** A time in milliseconds since the epoch, read back as a JavaScript number. */
const ms = (name: string) => bigint(name, { mode: "number" });

/** MGEN Connect identities: an email + password shared by the organisation's sites. */
export const identities = pgTable(
  "identities",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    /** Stored lower-cased: one address, one identifier whatever its case. */
    email: text("email").notNull().unique(),
    passwordHash: text("password_hash").notNull(),
    secretQuestionId: text("secret_question_id"),
    secretAnswerHash: text("secret_answer_hash"),
    validatedAt: ms("validated_at"),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedAt: ms("locked_at"),
    /** Raised by every change of credential: links and pending work of an older epoch are dead. */
    credentialEpoch: integer("credential_epoch").notNull().default(0),
    /** Keyed hash of the directory export's row this identity was last imported from (ADR 020). */
    importFingerprint: text("import_fingerprint"),
    /** 1 while the password is the one imported (re-hashed or not), 0 once set in this application. */
    passwordImported: integer("password_imported").notNull().default(0),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [
    check("identities_email_lower", sql`${t.email} = lower(${t.email})`),
    check(
      "identities_secret_pair",
      sql`(${t.secretQuestionId} IS NULL) = (${t.secretAnswerHash} IS NULL)`,
    ),
    check("identities_failed_attempts", sql`${t.failedAttempts} >= 0`),
  ],
);

/** Espaces personnels (the legacy member accounts), found by a keyed hash of the NIR. */
export const members = pgTable(
  "members",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    /** HMAC-SHA-256 of the normalised NIR under a key derived from NIR_PEPPER, hex. The NIR itself is never stored. */
    nirHash: text("nir_hash").notNull().unique(),
    /** Which NIR pepper `nir_hash` was computed with (rotation, ADR 014). */
    nirKeyId: integer("nir_key_id").notNull().default(1),
    /**
     * The NIR's first five characters and its key ("2900811"), kept in clear so that an
     * adviser sees "2 90 08 •• ••• ••• 11": they add only the sex to the birth date the
     * row already holds (OPERATIONS.md §2). Null for rows written before it existed.
     */
    nirVisible: text("nir_visible"),
    /** YYYY-MM-DD */
    birthDate: text("birth_date").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    /**
     * "dupont jean": last and first names lower-cased, accents and punctuation removed,
     * for the advisers' search by name prefix (OPERATIONS.md §2). Null for rows written
     * before it existed (the migration fills them).
     */
    nameKey: text("name_key"),
    contactEmail: text("contact_email"),
    /** Legacy (NIR) password, argon2id; null when the member never created one. */
    passwordHash: text("password_hash"),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedAt: ms("locked_at"),
    /** Unique: one identity is the identifier of at most one Espace (invariant 1). */
    identityId: integer("identity_id")
      .unique()
      .references((): AnyPgColumn => identities.id),
    migratedAt: ms("migrated_at"),
    /** How the migration ended (the cockpit's "migrations by path"); null before migration. */
    migratedBy: text("migrated_by", { enum: MIGRATION_PATHS }),
    /** First NIR sign-in since the import: the Espace entered the wizard (the cockpit's funnel). */
    wizardStartedAt: ms("wizard_started_at"),
    /** Raised by every change of credential: links, pending migrations and sessions of an older epoch are dead. */
    credentialEpoch: integer("credential_epoch").notNull().default(0),
    /** Keyed hash of the legacy export's row this Espace was last imported from (re-imports, ADR 020). */
    importFingerprint: text("import_fingerprint"),
    /** 1 while the password is the one imported (re-hashed or not), 0 once set in this application. */
    passwordImported: integer("password_imported").notNull().default(0),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [
    // Linked and migrated go together: a migration is all or nothing (invariant 2).
    check("members_migrated_linked", sql`(${t.identityId} IS NULL) = (${t.migratedAt} IS NULL)`),
    check("members_failed_attempts", sql`${t.failedAttempts} >= 0`),
    check(
      "members_migrated_by",
      sql`(${t.migratedBy} IS NULL OR ${t.migratedAt} IS NOT NULL) AND (${t.migratedBy} IS NULL OR ${t.migratedBy} IN ('contact_email', 'other_address', 'link'))`,
    ),
    index("members_name_key").on(t.nameKey, t.birthDate),
    index("members_contact_email").on(t.contactEmail),
    check(
      "members_contact_email_lower",
      sql`${t.contactEmail} IS NULL OR ${t.contactEmail} = lower(${t.contactEmail})`,
    ),
  ],
);

/**
 * A migration waiting for its address to be validated by an emailed link. Several
 * Espaces may wait on one address; the first link opened wins (the unique identity email
 * and members.identity_id decide).
 */
export const pendingMigrations = pgTable(
  "pending_migrations",
  {
    memberId: integer("member_id")
      .primaryKey()
      .references(() => members.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    secretQuestionId: text("secret_question_id").notNull(),
    secretAnswerHash: text("secret_answer_hash").notNull(),
    /** The Espace's credential epoch when the validation was asked: a later change voids it. */
    epoch: integer("epoch").notNull().default(0),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [index("pending_migrations_email").on(t.email)],
);

/** Server-side sessions. The cookie holds a random token; only its keyed hash is stored. */
export const sessions = pgTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    keyId: integer("key_id").notNull().default(1),
    kind: text("kind", { enum: SESSION_KINDS }).notNull(),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    createdAt: ms("created_at").notNull(),
    lastSeenAt: ms("last_seen_at").notNull(),
    /** Absolute end of the session, whatever the activity. */
    expiresAt: ms("expires_at").notNull(),
    /** Wizard progress: the address chosen at step 1 and what step 2 is. */
    wizardEmail: text("wizard_email"),
    wizardNext: text("wizard_next", { enum: WIZARD_NEXT }),
  },
  (t) => [
    index("sessions_member").on(t.memberId),
    index("sessions_expires").on(t.expiresAt),
    check("sessions_kind", sql`${t.kind} IN ('migration', 'member')`),
    check(
      "sessions_wizard_next",
      sql`${t.wizardNext} IS NULL OR ${t.wizardNext} IN ('create', 'link')`,
    ),
  ],
);

/** Emailed links: single use, expiring, stored only as a keyed hash (invariant 4). */
export const linkTokens = pgTable(
  "link_tokens",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    tokenHash: text("token_hash").notNull().unique(),
    keyId: integer("key_id").notNull().default(1),
    purpose: text("purpose", { enum: TOKEN_PURPOSES }).notNull(),
    memberId: integer("member_id").references(() => members.id, { onDelete: "cascade" }),
    identityId: integer("identity_id").references(() => identities.id, { onDelete: "cascade" }),
    email: text("email"),
    /** The owner's credential epoch at issue: a link of an older epoch never works. */
    epoch: integer("epoch").notNull(),
    createdAt: ms("created_at").notNull(),
    expiresAt: ms("expires_at").notNull(),
    usedAt: ms("used_at"),
    voidedAt: ms("voided_at"),
  },
  (t) => [
    index("link_tokens_member").on(t.purpose, t.memberId),
    index("link_tokens_identity").on(t.purpose, t.identityId),
    index("link_tokens_expires").on(t.expiresAt),
    check(
      "link_tokens_purpose",
      sql`${t.purpose} IN ('email_validation', 'migration_cancel', 'legacy_reset', 'connect_reset')`,
    ),
    check("link_tokens_owner", sql`${t.memberId} IS NOT NULL OR ${t.identityId} IS NOT NULL`),
  ],
);

/**
 * Emails to send, written in the same transaction as the change that needs them
 * (invariant 7). The body is erased once delivered (invariant 4).
 */
export const outbox = pgTable(
  "outbox",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body"),
    htmlBody: text("html_body"),
    createdAt: ms("created_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ms("next_attempt_at").notNull(),
    sentAt: ms("sent_at"),
    lastError: text("last_error"),
  },
  (t) => [
    index("outbox_due").on(t.sentAt, t.nextAttemptAt),
    check("outbox_body_until_sent", sql`${t.sentAt} IS NOT NULL OR ${t.textBody} IS NOT NULL`),
  ],
);

/**
 * Forgotten-password, unlock (SPEC D) and MGEN Connect reset (SPEC F) requests, answered
 * in the background. Every request costs the same one insert whatever its data, so
 * neither the answer nor its timing tells whether the data belong to a member; the row
 * is deleted once answered.
 */
export const resetRequests = pgTable(
  "reset_requests",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    kind: text("kind", { enum: RESET_REQUEST_KINDS }).notNull(),
    /** forgot / unlock: the NIR's keyed hashes (one per configured pepper), comma-separated. */
    nirHashes: text("nir_hashes"),
    /** forgot / unlock: YYYY-MM-DD, as typed */
    birthDate: text("birth_date"),
    /** connect: the address, normalised */
    email: text("email"),
    requestId: text("request_id").notNull(),
    client: text("client").notNull(),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [
    check("reset_requests_kind", sql`${t.kind} IN ('forgot', 'unlock', 'connect')`),
    check(
      "reset_requests_data",
      sql`(${t.kind} = 'connect' AND ${t.email} IS NOT NULL) OR (${t.kind} <> 'connect' AND ${t.nirHashes} IS NOT NULL AND ${t.birthDate} IS NOT NULL)`,
    ),
  ],
);

/**
 * Requests per client address (IPv6: per /64) or per keyed hash of an identifier, and
 * fixed window (SPEC "Throttling"). Kept in the database, so that limits survive a
 * restart and hold across several processes.
 */
export const throttleHits = pgTable(
  "throttle_hits",
  {
    bucket: text("bucket", { enum: THROTTLE_BUCKETS }).notNull(),
    client: text("client").notNull(),
    windowStart: ms("window_start").notNull(),
    hits: integer("hits").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bucket, t.client, t.windowStart] }),
    index("throttle_hits_window").on(t.windowStart),
  ],
);

/**
 * Failed attempts on identifiers that belong to no account (an unknown NIR or address,
 * or the NIR of a migrated Espace), keyed by a keyed hash of the identifier: they lock
 * after 5 like an account, so that a lock tells nobody who is a member.
 */
export const identifierFailures = pgTable("identifier_failures", {
  key: text("key").primaryKey(),
  failedAttempts: integer("failed_attempts").notNull(),
  updatedAt: ms("updated_at").notNull(),
});

/**
 * Device cookies (SPEC "Locks", OWASP): a browser that signed in to an account keeps
 * signing in while failures from elsewhere lock the account; its own failures are
 * counted here and lock it out by themselves.
 */
export const devices = pgTable(
  "devices",
  {
    tokenHash: text("token_hash").notNull(),
    keyId: integer("key_id").notNull().default(1),
    accountKind: text("account_kind", { enum: ACCOUNT_KINDS }).notNull(),
    accountId: integer("account_id").notNull(),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    createdAt: ms("created_at").notNull(),
    lastUsedAt: ms("last_used_at").notNull(),
    expiresAt: ms("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tokenHash, t.accountKind, t.accountId] }),
    index("devices_account").on(t.accountKind, t.accountId),
    index("devices_expires").on(t.expiresAt),
    check("devices_account_kind", sql`${t.accountKind} IN ('member', 'identity')`),
  ],
);

/** Wrong secret answers of an identity: at most 5 in any 24 hours, whatever the links. */
export const answerAttempts = pgTable(
  "answer_attempts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    identityId: integer("identity_id")
      .notNull()
      .references(() => identities.id, { onDelete: "cascade" }),
    at: ms("at").notNull(),
  },
  (t) => [index("answer_attempts_identity").on(t.identityId, t.at)],
);

/** Notices sent to an account: at most 3 of a kind in any 24 hours (SPEC "Notifications"). */
export const notifications = pgTable(
  "notifications",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    accountKind: text("account_kind", { enum: ACCOUNT_KINDS }).notNull(),
    accountId: integer("account_id").notNull(),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    at: ms("at").notNull(),
  },
  (t) => [index("notifications_account").on(t.accountKind, t.accountId, t.kind, t.at)],
);

/** Addresses an Espace tried at step 1 of the wizard: at most 10 different ones an hour. */
export const wizardAddresses = pgTable(
  "wizard_addresses",
  {
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    /** Keyed hash of the address: the table says how many, not which. */
    addressHash: text("address_hash").notNull(),
    at: ms("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.addressHash] })],
);

/**
 * Security events (SPEC "Security events"), written in the transaction that makes them
 * true. Append-only: triggers refuse UPDATE and DELETE. No foreign key (an event outlives
 * its account); the subject is pseudonymous (account ids, never a NIR or an address).
 */
export const securityEvents = pgTable(
  "security_events",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    at: ms("at").notNull(),
    event: text("event").notNull(),
    channel: text("channel", { enum: EVENT_CHANNELS }).notNull(),
    memberId: integer("member_id"),
    identityId: integer("identity_id"),
    /** "espace:12", "identite:5", or "inconnu:<keyed hash>" for an identifier of no account. */
    subject: text("subject").notNull(),
    requestId: text("request_id"),
    client: text("client"),
  },
  (t) => [
    index("security_events_member").on(t.memberId, t.at),
    index("security_events_identity").on(t.identityId, t.at),
    index("security_events_at").on(t.at),
  ],
);

/**
 * Advisers' and superviseurs' accounts (OPERATIONS.md §2), created by `pnpm staff:create`,
 * never by the web. The password is argon2id; the TOTP secret is sealed (AES-256-GCM
 * under a key derived from SESSION_SECRET, domain/keys.ts), never stored in clear. Until
 * enrolment, `password_hash` is null and the one-time enrolment link's keyed hash waits
 * in `enrolment_hash`.
 */
export const staffAccounts = pgTable(
  "staff_accounts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: STAFF_ROLES }).notNull(),
    passwordHash: text("password_hash"),
    totpSealed: text("totp_sealed").notNull(),
    /** The last TOTP time step accepted: a code is accepted once, and never an older one. */
    totpLastStep: ms("totp_last_step").notNull().default(0),
    enrolmentHash: text("enrolment_hash").unique(),
    enrolmentExpiresAt: ms("enrolment_expires_at"),
    enrolledAt: ms("enrolled_at"),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedAt: ms("locked_at"),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [
    check("staff_accounts_email_lower", sql`${t.email} = lower(${t.email})`),
    check("staff_accounts_role", sql`${t.role} IN ('conseiller', 'superviseur')`),
    check("staff_accounts_failed_attempts", sql`${t.failedAttempts} >= 0`),
  ],
);

/**
 * Staff sessions: their own table and cookie. `stage` is `password` between the two
 * factors (it opens nothing but the code step) and `full` after the code.
 */
export const staffSessions = pgTable(
  "staff_sessions",
  {
    idHash: text("id_hash").primaryKey(),
    keyId: integer("key_id").notNull().default(1),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staffAccounts.id, { onDelete: "cascade" }),
    stage: text("stage", { enum: STAFF_SESSION_STAGES }).notNull(),
    createdAt: ms("created_at").notNull(),
    lastSeenAt: ms("last_seen_at").notNull(),
    expiresAt: ms("expires_at").notNull(),
  },
  (t) => [
    index("staff_sessions_staff").on(t.staffId),
    check("staff_sessions_stage", sql`${t.stage} IN ('password', 'full')`),
  ],
);

/**
 * The staff audit (OPERATIONS.md §2): every staff sign-in, search and action, one row.
 * Append-only: triggers refuse UPDATE and DELETE. `staff_id` is null for a sign-in with
 * an address of no staff account; `subject` is pseudonymous ("espace:12", or a keyed
 * hash), `member_id` the Espace acted on, for the filter.
 */
export const staffAudit = pgTable(
  "staff_audit",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    at: ms("at").notNull(),
    staffId: integer("staff_id"),
    action: text("action", { enum: STAFF_ACTIONS }).notNull(),
    subject: text("subject"),
    memberId: integer("member_id"),
    reason: text("reason"),
    outcome: text("outcome").notNull(),
    requestId: text("request_id"),
  },
  (t) => [
    index("staff_audit_staff").on(t.staffId, t.id),
    index("staff_audit_member").on(t.memberId, t.id),
    index("staff_audit_action").on(t.action, t.id),
  ],
);

/**
 * The migration cockpit's counters (OPERATIONS.md §3, ADR 022): one row per figure and
 * day (`day` is '' for a figure that is not by day). Changed only in the transactions
 * that change what they count, at the end of each (`domain/funnel.ts`), so that
 * `GET /api/staff/funnel` reads a few hundred rows whatever the number of Espaces.
 */
export const funnelCounters = pgTable(
  "funnel_counters",
  {
    name: text("name").notNull(),
    /** YYYY-MM-DD, a calendar day in Europe/Paris; '' for a figure that is not by day. */
    day: text("day").notNull().default(""),
    value: integer("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.day] })],
);

/**
 * What happened to Espaces on their way, one row per fact the cockpit counts by day or
 * as a drop-off (a wizard started, a validation link sent or opened or expired unopened,
 * a migration completed, a lock, a reset, a refusal). Never updated: the counters' check
 * (`pnpm funnel:check`) recounts them. Pseudonymous: an Espace id at most.
 */
export const funnelEvents = pgTable("funnel_events", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  at: ms("at").notNull(),
  day: text("day").notNull(),
  name: text("name").notNull(),
  memberId: integer("member_id"),
});
