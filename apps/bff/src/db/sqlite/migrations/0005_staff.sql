CREATE TABLE `staff_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`totp_sealed` text NOT NULL,
	`totp_last_step` integer DEFAULT 0 NOT NULL,
	`enrolment_hash` text,
	`enrolment_expires_at` integer,
	`enrolled_at` integer,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_at` integer,
	`created_at` integer NOT NULL,
	CONSTRAINT "staff_accounts_email_lower" CHECK("staff_accounts"."email" = lower("staff_accounts"."email")),
	CONSTRAINT "staff_accounts_role" CHECK("staff_accounts"."role" IN ('conseiller', 'superviseur')),
	CONSTRAINT "staff_accounts_failed_attempts" CHECK("staff_accounts"."failed_attempts" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_accounts_email_unique` ON `staff_accounts` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_accounts_enrolment_hash_unique` ON `staff_accounts` (`enrolment_hash`);--> statement-breakpoint
CREATE TABLE `staff_audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`staff_id` integer,
	`action` text NOT NULL,
	`subject` text,
	`member_id` integer,
	`reason` text,
	`outcome` text NOT NULL,
	`request_id` text
);
--> statement-breakpoint
CREATE INDEX `staff_audit_staff` ON `staff_audit` (`staff_id`,`id`);--> statement-breakpoint
CREATE INDEX `staff_audit_member` ON `staff_audit` (`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `staff_audit_action` ON `staff_audit` (`action`,`id`);--> statement-breakpoint
CREATE TABLE `staff_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`key_id` integer DEFAULT 1 NOT NULL,
	`staff_id` integer NOT NULL,
	`stage` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "staff_sessions_stage" CHECK("staff_sessions"."stage" IN ('password', 'full'))
);
--> statement-breakpoint
CREATE INDEX `staff_sessions_staff` ON `staff_sessions` (`staff_id`);--> statement-breakpoint
ALTER TABLE `members` ADD `name_key` text;--> statement-breakpoint
CREATE INDEX `members_name_key` ON `members` (`name_key`,`birth_date`);--> statement-breakpoint
CREATE INDEX `members_contact_email` ON `members` (`contact_email`);--> statement-breakpoint
-- Espaces written before the search existed: their key, by the same rule as
-- memberNameKey() for the letters French names use (lower() of SQLite lowers ASCII only,
-- so capital accented letters are replaced too).
UPDATE `members` SET `name_key` = trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(last_name), 'À', 'a'), 'à', 'a'), 'â', 'a'), 'Â', 'a'), 'ä', 'a'), 'Ä', 'a'), 'á', 'a'), 'Á', 'a'), 'ã', 'a'), 'Ã', 'a'), 'Å', 'a'), 'å', 'a'), 'ç', 'c'), 'Ç', 'c'), 'é', 'e'), 'É', 'e'), 'È', 'e'), 'è', 'e'), 'ê', 'e'), 'Ê', 'e'), 'ë', 'e'), 'Ë', 'e'), 'í', 'i'), 'Í', 'i'), 'ì', 'i'), 'Ì', 'i'), 'Î', 'i'), 'î', 'i'), 'ï', 'i'), 'Ï', 'i'), 'ñ', 'n'), 'Ñ', 'n'), 'Ó', 'o'), 'ó', 'o'), 'ò', 'o'), 'Ò', 'o'), 'ô', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'ö', 'o'), 'Õ', 'o'), 'õ', 'o'), 'ú', 'u'), 'Ú', 'u'), 'ù', 'u'), 'Ù', 'u'), 'û', 'u'), 'Û', 'u'), 'ü', 'u'), 'Ü', 'u'), 'Ý', 'y'), 'ý', 'y'), 'Ÿ', 'y'), 'ÿ', 'y'), 'Œ', 'oe'), 'œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'), '-', ' '), '''', ' '), '’', ' '), '.', ' ') || ' ' || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(first_name), 'À', 'a'), 'à', 'a'), 'â', 'a'), 'Â', 'a'), 'ä', 'a'), 'Ä', 'a'), 'á', 'a'), 'Á', 'a'), 'ã', 'a'), 'Ã', 'a'), 'Å', 'a'), 'å', 'a'), 'ç', 'c'), 'Ç', 'c'), 'é', 'e'), 'É', 'e'), 'È', 'e'), 'è', 'e'), 'ê', 'e'), 'Ê', 'e'), 'ë', 'e'), 'Ë', 'e'), 'í', 'i'), 'Í', 'i'), 'ì', 'i'), 'Ì', 'i'), 'Î', 'i'), 'î', 'i'), 'ï', 'i'), 'Ï', 'i'), 'ñ', 'n'), 'Ñ', 'n'), 'Ó', 'o'), 'ó', 'o'), 'ò', 'o'), 'Ò', 'o'), 'ô', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'ö', 'o'), 'Õ', 'o'), 'õ', 'o'), 'ú', 'u'), 'Ú', 'u'), 'ù', 'u'), 'Ù', 'u'), 'û', 'u'), 'Û', 'u'), 'ü', 'u'), 'Ü', 'u'), 'Ý', 'y'), 'ý', 'y'), 'Ÿ', 'y'), 'ÿ', 'y'), 'Œ', 'oe'), 'œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'), '-', ' '), '''', ' '), '’', ' '), '.', ' '), '   ', ' '), '  ', ' ')) WHERE `name_key` IS NULL;--> statement-breakpoint
-- The staff audit is append-only in the database itself (OPERATIONS.md §2).
CREATE TRIGGER `staff_audit_no_update` BEFORE UPDATE ON `staff_audit`
BEGIN SELECT RAISE(ABORT, 'staff_audit is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `staff_audit_no_delete` BEFORE DELETE ON `staff_audit`
BEGIN SELECT RAISE(ABORT, 'staff_audit is append-only'); END;
