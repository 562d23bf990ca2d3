CREATE TABLE `identities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`secret_question_id` text,
	`secret_answer_hash` text,
	`validated_at` integer,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_at` integer,
	`created_at` integer NOT NULL,
	CONSTRAINT "identities_email_lower" CHECK("identities"."email" = lower("identities"."email")),
	CONSTRAINT "identities_secret_pair" CHECK(("identities"."secret_question_id" IS NULL) = ("identities"."secret_answer_hash" IS NULL)),
	CONSTRAINT "identities_failed_attempts" CHECK("identities"."failed_attempts" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `identities_email_unique` ON `identities` (`email`);--> statement-breakpoint
CREATE TABLE `link_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`purpose` text NOT NULL,
	`member_id` integer,
	`identity_id` integer,
	`email` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`voided_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "link_tokens_purpose" CHECK("link_tokens"."purpose" IN ('email_validation', 'legacy_reset', 'connect_reset')),
	CONSTRAINT "link_tokens_owner" CHECK("link_tokens"."member_id" IS NOT NULL OR "link_tokens"."identity_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `link_tokens_token_hash_unique` ON `link_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `link_tokens_member` ON `link_tokens` (`purpose`,`member_id`);--> statement-breakpoint
CREATE INDEX `link_tokens_identity` ON `link_tokens` (`purpose`,`identity_id`);--> statement-breakpoint
CREATE INDEX `link_tokens_expires` ON `link_tokens` (`expires_at`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nir_hash` text NOT NULL,
	`birth_date` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`contact_email` text,
	`password_hash` text,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_at` integer,
	`identity_id` integer,
	`migrated_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "members_migrated_linked" CHECK(("members"."identity_id" IS NULL) = ("members"."migrated_at" IS NULL)),
	CONSTRAINT "members_failed_attempts" CHECK("members"."failed_attempts" >= 0),
	CONSTRAINT "members_contact_email_lower" CHECK("members"."contact_email" IS NULL OR "members"."contact_email" = lower("members"."contact_email"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_nir_hash_unique` ON `members` (`nir_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `members_identity_id_unique` ON `members` (`identity_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text,
	`html_body` text,
	`created_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`sent_at` integer,
	`last_error` text,
	CONSTRAINT "outbox_body_until_sent" CHECK("outbox"."sent_at" IS NOT NULL OR "outbox"."text_body" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`sent_at`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `pending_migrations` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`secret_question_id` text NOT NULL,
	`secret_answer_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pending_migrations_email` ON `pending_migrations` (`email`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`member_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`wizard_email` text,
	`wizard_next` text,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "sessions_kind" CHECK("sessions"."kind" IN ('migration', 'member')),
	CONSTRAINT "sessions_wizard_next" CHECK("sessions"."wizard_next" IS NULL OR "sessions"."wizard_next" IN ('create', 'link'))
);
--> statement-breakpoint
CREATE INDEX `sessions_member` ON `sessions` (`member_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires` ON `sessions` (`expires_at`);