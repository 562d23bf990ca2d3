CREATE TABLE `funnel_counters` (
	`name` text NOT NULL,
	`day` text DEFAULT '' NOT NULL,
	`value` integer NOT NULL,
	PRIMARY KEY(`name`, `day`)
);
--> statement-breakpoint
CREATE TABLE `funnel_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`day` text NOT NULL,
	`name` text NOT NULL,
	`member_id` integer
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nir_hash` text NOT NULL,
	`nir_key_id` integer DEFAULT 1 NOT NULL,
	`nir_visible` text,
	`birth_date` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`name_key` text,
	`contact_email` text,
	`password_hash` text,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_at` integer,
	`identity_id` integer,
	`migrated_at` integer,
	`migrated_by` text,
	`wizard_started_at` integer,
	`credential_epoch` integer DEFAULT 0 NOT NULL,
	`import_fingerprint` text,
	`password_imported` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "members_migrated_linked" CHECK(("__new_members"."identity_id" IS NULL) = ("__new_members"."migrated_at" IS NULL)),
	CONSTRAINT "members_failed_attempts" CHECK("__new_members"."failed_attempts" >= 0),
	CONSTRAINT "members_migrated_by" CHECK(("__new_members"."migrated_by" IS NULL OR "__new_members"."migrated_at" IS NOT NULL) AND ("__new_members"."migrated_by" IS NULL OR "__new_members"."migrated_by" IN ('contact_email', 'other_address', 'link'))),
	CONSTRAINT "members_contact_email_lower" CHECK("__new_members"."contact_email" IS NULL OR "__new_members"."contact_email" = lower("__new_members"."contact_email"))
);
--> statement-breakpoint
INSERT INTO `__new_members`("id", "nir_hash", "nir_key_id", "nir_visible", "birth_date", "first_name", "last_name", "name_key", "contact_email", "password_hash", "failed_attempts", "locked_at", "identity_id", "migrated_at", "migrated_by", "wizard_started_at", "credential_epoch", "import_fingerprint", "password_imported", "created_at") SELECT "id", "nir_hash", "nir_key_id", "nir_visible", "birth_date", "first_name", "last_name", "name_key", "contact_email", "password_hash", "failed_attempts", "locked_at", "identity_id", "migrated_at", NULL, NULL, "credential_epoch", "import_fingerprint", "password_imported", "created_at" FROM `members`;--> statement-breakpoint
DROP TABLE `members`;--> statement-breakpoint
ALTER TABLE `__new_members` RENAME TO `members`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `members_nir_hash_unique` ON `members` (`nir_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `members_identity_id_unique` ON `members` (`identity_id`);--> statement-breakpoint
CREATE INDEX `members_name_key` ON `members` (`name_key`,`birth_date`);--> statement-breakpoint
CREATE INDEX `members_contact_email` ON `members` (`contact_email`);--> statement-breakpoint
-- Espaces written before the cockpit: when they entered the wizard (their first NIR
-- sign-in, a pending validation, or their migration) and how they migrated. The
-- counters are then built from the data at start (domain/funnel.ts, rebuildIfMissing).
UPDATE `members` SET `wizard_started_at` = coalesce(
  (SELECT min(`at`) FROM `security_events` e WHERE e.`member_id` = `members`.`id` AND e.`event` = 'login.succeeded' AND e.`channel` = 'nir'),
  (SELECT `created_at` FROM `pending_migrations` p WHERE p.`member_id` = `members`.`id`),
  `migrated_at`);--> statement-breakpoint
UPDATE `members` SET `migrated_by` = CASE
  WHEN EXISTS (SELECT 1 FROM `security_events` e WHERE e.`member_id` = `members`.`id` AND e.`event` = 'identity.linked') THEN 'link'
  WHEN `contact_email` = (SELECT `email` FROM `identities` i WHERE i.`id` = `members`.`identity_id`) THEN 'contact_email'
  ELSE 'other_address' END
WHERE `migrated_at` IS NOT NULL;
