CREATE TABLE `throttle_hits` (
	`bucket` text NOT NULL,
	`client` text NOT NULL,
	`window_start` integer NOT NULL,
	`hits` integer NOT NULL,
	PRIMARY KEY(`bucket`, `client`, `window_start`)
);
--> statement-breakpoint
CREATE INDEX `throttle_hits_window` ON `throttle_hits` (`window_start`);