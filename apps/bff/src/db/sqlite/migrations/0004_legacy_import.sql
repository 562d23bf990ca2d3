ALTER TABLE `identities` ADD `import_fingerprint` text;--> statement-breakpoint
ALTER TABLE `identities` ADD `password_imported` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `nir_visible` text;--> statement-breakpoint
ALTER TABLE `members` ADD `import_fingerprint` text;--> statement-breakpoint
ALTER TABLE `members` ADD `password_imported` integer DEFAULT 0 NOT NULL;