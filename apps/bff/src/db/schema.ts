import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
} from "drizzle-orm/sqlite-core";

/**
 * The database keeps the invariants of SPEC.md itself (unique constraints, foreign keys,
 * checks), not only the code. Times are integers: milliseconds since the epoch.
 */

/** MGEN Connect identities: an email + password shared by the organisation's sites. */
export const identities = sqliteTable(
  "identities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stored lower-cased: one address, one identifier whatever its case. */
    email: text("email").notNull().unique(),
    passwordHash: text("password_hash").notNull(),
    secretQuestionId: text("secret_question_id"),
    secretAnswerHash: text("secret_answer_hash"),
    validatedAt: integer("validated_at"),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedAt: integer("locked_at"),
    createdAt: integer("created_at").notNull(),
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
export const members = sqliteTable(
  "members",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** HMAC-SHA-256(NIR_PEPPER, normalised NIR), hex. The NIR itself is never stored. */
    nirHash: text("nir_hash").notNull().unique(),
    /** YYYY-MM-DD */
    birthDate: text("birth_date").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    contactEmail: text("contact_email"),
    /** Legacy (NIR) password, argon2id; null when the member never created one. */
    passwordHash: text("password_hash"),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedAt: integer("locked_at"),
    /** Unique: one identity is the identifier of at most one Espace (invariant 1). */
    identityId: integer("identity_id")
      .unique()
      .references((): AnySQLiteColumn => identities.id),
    migratedAt: integer("migrated_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    // Linked and migrated go together: a migration is all or nothing (invariant 2).
    check("members_migrated_linked", sql`(${t.identityId} IS NULL) = (${t.migratedAt} IS NULL)`),
    check("members_failed_attempts", sql`${t.failedAttempts} >= 0`),
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
export const pendingMigrations = sqliteTable(
  "pending_migrations",
  {
    memberId: integer("member_id")
      .primaryKey()
      .references(() => members.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    secretQuestionId: text("secret_question_id").notNull(),
    secretAnswerHash: text("secret_answer_hash").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("pending_migrations_email").on(t.email)],
);

/** Server-side sessions. The cookie holds a random token; only its keyed hash is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    kind: text("kind", { enum: ["migration", "member"] }).notNull(),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    /** Absolute end of the session, whatever the activity. */
    expiresAt: integer("expires_at").notNull(),
    /** Wizard progress: the address chosen at step 1 and what step 2 is. */
    wizardEmail: text("wizard_email"),
    wizardNext: text("wizard_next", { enum: ["create", "link"] }),
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

export const TOKEN_PURPOSES = ["email_validation", "legacy_reset", "connect_reset"] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** Emailed links: single use, expiring, stored only as a keyed hash (invariant 4). */
export const linkTokens = sqliteTable(
  "link_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull().unique(),
    purpose: text("purpose", { enum: TOKEN_PURPOSES }).notNull(),
    memberId: integer("member_id").references(() => members.id, { onDelete: "cascade" }),
    identityId: integer("identity_id").references(() => identities.id, { onDelete: "cascade" }),
    email: text("email"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    voidedAt: integer("voided_at"),
  },
  (t) => [
    index("link_tokens_member").on(t.purpose, t.memberId),
    index("link_tokens_identity").on(t.purpose, t.identityId),
    index("link_tokens_expires").on(t.expiresAt),
    check(
      "link_tokens_purpose",
      sql`${t.purpose} IN ('email_validation', 'legacy_reset', 'connect_reset')`,
    ),
    check("link_tokens_owner", sql`${t.memberId} IS NOT NULL OR ${t.identityId} IS NOT NULL`),
  ],
);

/**
 * Emails to send, written in the same transaction as the change that needs them
 * (invariant 7). The body is erased once delivered (invariant 4).
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body"),
    htmlBody: text("html_body"),
    createdAt: integer("created_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    sentAt: integer("sent_at"),
    lastError: text("last_error"),
  },
  (t) => [
    index("outbox_due").on(t.sentAt, t.nextAttemptAt),
    check("outbox_body_until_sent", sql`${t.sentAt} IS NOT NULL OR ${t.textBody} IS NOT NULL`),
  ],
);

export const LEGACY_REQUEST_KINDS = ["forgot", "unlock"] as const;

/**
 * Forgotten-password and unlock requests (SPEC D), answered in the background. Every
 * request costs the same one insert whatever its data, so neither the answer nor its
 * timing tells whether a NIR and birth date belong to a member; the row is deleted once
 * answered.
 */
export const legacyRequests = sqliteTable(
  "legacy_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: LEGACY_REQUEST_KINDS }).notNull(),
    nirHash: text("nir_hash").notNull(),
    /** YYYY-MM-DD, as typed */
    birthDate: text("birth_date").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [check("legacy_requests_kind", sql`${t.kind} IN ('forgot', 'unlock')`)],
);

export const THROTTLE_BUCKETS = ["secret", "email"] as const;
export type ThrottleBucket = (typeof THROTTLE_BUCKETS)[number];

/**
 * Requests per client address and fixed window (SPEC "Throttling"). Kept in the database,
 * so that limits survive a restart and hold across several processes on one file.
 */
export const throttleHits = sqliteTable(
  "throttle_hits",
  {
    bucket: text("bucket", { enum: THROTTLE_BUCKETS }).notNull(),
    client: text("client").notNull(),
    windowStart: integer("window_start").notNull(),
    hits: integer("hits").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bucket, t.client, t.windowStart] }),
    index("throttle_hits_window").on(t.windowStart),
  ],
);

export type Member = typeof members.$inferSelect;
export type Identity = typeof identities.$inferSelect;
export type Session = typeof sessions.$inferSelect;
