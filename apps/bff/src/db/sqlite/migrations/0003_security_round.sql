CREATE TABLE `answer_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`identity_id` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `answer_attempts_identity` ON `answer_attempts` (`identity_id`,`at`);--> statement-breakpoint
CREATE TABLE `devices` (
	`token_hash` text NOT NULL,
	`key_id` integer DEFAULT 1 NOT NULL,
	`account_kind` text NOT NULL,
	`account_id` integer NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`token_hash`, `account_kind`, `account_id`),
	CONSTRAINT "devices_account_kind" CHECK("devices"."account_kind" IN ('member', 'identity'))
);
--> statement-breakpoint
CREATE INDEX `devices_account` ON `devices` (`account_kind`,`account_id`);--> statement-breakpoint
CREATE INDEX `devices_expires` ON `devices` (`expires_at`);--> statement-breakpoint
CREATE TABLE `identifier_failures` (
	`key` text PRIMARY KEY NOT NULL,
	`failed_attempts` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_kind` text NOT NULL,
	`account_id` integer NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notifications_account` ON `notifications` (`account_kind`,`account_id`,`kind`,`at`);--> statement-breakpoint
CREATE TABLE `reset_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`nir_hashes` text,
	`birth_date` text,
	`email` text,
	`request_id` text NOT NULL,
	`client` text NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "reset_requests_kind" CHECK("reset_requests"."kind" IN ('forgot', 'unlock', 'connect')),
	CONSTRAINT "reset_requests_data" CHECK(("reset_requests"."kind" = 'connect' AND "reset_requests"."email" IS NOT NULL) OR ("reset_requests"."kind" <> 'connect' AND "reset_requests"."nir_hashes" IS NOT NULL AND "reset_requests"."birth_date" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE `security_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`event` text NOT NULL,
	`channel` text NOT NULL,
	`member_id` integer,
	`identity_id` integer,
	`subject` text NOT NULL,
	`request_id` text,
	`client` text
);
--> statement-breakpoint
CREATE INDEX `security_events_member` ON `security_events` (`member_id`,`at`);--> statement-breakpoint
CREATE INDEX `security_events_identity` ON `security_events` (`identity_id`,`at`);--> statement-breakpoint
CREATE INDEX `security_events_at` ON `security_events` (`at`);--> statement-breakpoint
CREATE TRIGGER `security_events_no_update` BEFORE UPDATE ON `security_events`
BEGIN SELECT RAISE(ABORT, 'security_events is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `security_events_no_delete` BEFORE DELETE ON `security_events`
BEGIN SELECT RAISE(ABORT, 'security_events is append-only'); END;--> statement-breakpoint
CREATE TABLE `wizard_addresses` (
	`member_id` integer NOT NULL,
	`address_hash` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `address_hash`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP TABLE `legacy_requests`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_link_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`key_id` integer DEFAULT 1 NOT NULL,
	`purpose` text NOT NULL,
	`member_id` integer,
	`identity_id` integer,
	`email` text,
	`epoch` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`voided_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "link_tokens_purpose" CHECK("__new_link_tokens"."purpose" IN ('email_validation', 'migration_cancel', 'legacy_reset', 'connect_reset')),
	CONSTRAINT "link_tokens_owner" CHECK("__new_link_tokens"."member_id" IS NOT NULL OR "__new_link_tokens"."identity_id" IS NOT NULL)
);
--> statement-breakpoint
INSERT INTO `__new_link_tokens`("id", "token_hash", "key_id", "purpose", "member_id", "identity_id", "email", "epoch", "created_at", "expires_at", "used_at", "voided_at") SELECT "id", "token_hash", 1, "purpose", "member_id", "identity_id", "email", 0, "created_at", "expires_at", "used_at", "voided_at" FROM `link_tokens`;--> statement-breakpoint
DROP TABLE `link_tokens`;--> statement-breakpoint
ALTER TABLE `__new_link_tokens` RENAME TO `link_tokens`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `link_tokens_token_hash_unique` ON `link_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `link_tokens_member` ON `link_tokens` (`purpose`,`member_id`);--> statement-breakpoint
CREATE INDEX `link_tokens_identity` ON `link_tokens` (`purpose`,`identity_id`);--> statement-breakpoint
CREATE INDEX `link_tokens_expires` ON `link_tokens` (`expires_at`);--> statement-breakpoint
ALTER TABLE `identities` ADD `credential_epoch` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `nir_key_id` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `credential_epoch` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `pending_migrations` ADD `epoch` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `key_id` integer DEFAULT 1 NOT NULL;