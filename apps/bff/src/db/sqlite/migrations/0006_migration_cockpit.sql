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
-- Columns added in place (drizzle-kit wrote a rebuild of the table: inside the migration's
-- transaction PRAGMA foreign_keys=OFF does nothing, and dropping members would have
-- deleted every session, link and pending migration by their ON DELETE CASCADE).
ALTER TABLE `members` ADD `migrated_by` text CONSTRAINT "members_migrated_by" CHECK(`migrated_by` IS NULL OR (`migrated_at` IS NOT NULL AND `migrated_by` IN ('contact_email', 'other_address', 'link')));--> statement-breakpoint
ALTER TABLE `members` ADD `wizard_started_at` integer;--> statement-breakpoint
-- Espaces written before the cockpit: when they entered the wizard (their first NIR
-- sign-in, a pending validation, or their migration) and how they migrated. The
-- counters are then built from the data at start (domain/funnel.ts, rebuildCountersIfMissing).
UPDATE `members` SET `wizard_started_at` = coalesce(
  (SELECT min(`at`) FROM `security_events` e WHERE e.`member_id` = `members`.`id` AND e.`event` = 'login.succeeded' AND e.`channel` = 'nir'),
  (SELECT `created_at` FROM `pending_migrations` p WHERE p.`member_id` = `members`.`id`),
  `migrated_at`);--> statement-breakpoint
UPDATE `members` SET `migrated_by` = CASE
  WHEN EXISTS (SELECT 1 FROM `security_events` e WHERE e.`member_id` = `members`.`id` AND e.`event` = 'identity.linked') THEN 'link'
  WHEN `contact_email` = (SELECT `email` FROM `identities` i WHERE i.`id` = `members`.`identity_id`) THEN 'contact_email'
  ELSE 'other_address' END
WHERE `migrated_at` IS NOT NULL;
