CREATE TABLE `legacy_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`nir_hash` text NOT NULL,
	`birth_date` text NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "legacy_requests_kind" CHECK("legacy_requests"."kind" IN ('forgot', 'unlock'))
);
