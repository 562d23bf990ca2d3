ALTER TABLE "identities" ADD COLUMN "import_fingerprint" text;--> statement-breakpoint
ALTER TABLE "identities" ADD COLUMN "password_imported" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "nir_visible" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "import_fingerprint" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "password_imported" integer DEFAULT 0 NOT NULL;