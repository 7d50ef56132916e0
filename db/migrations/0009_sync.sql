CREATE TABLE `sync_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`office_id` text NOT NULL,
	`signing_key` text NOT NULL,
	`sig` text NOT NULL,
	`ranges` text NOT NULL,
	`operations` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_batches_sig` ON `sync_batches` (`sig`);--> statement-breakpoint
CREATE INDEX `sync_batches_office` ON `sync_batches` (`office_id`);--> statement-breakpoint
CREATE TABLE `sync_conflicts` (
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`versions` text NOT NULL,
	`case_id` text,
	PRIMARY KEY(`tbl`, `row_id`, `field`)
);
--> statement-breakpoint
CREATE TABLE `sync_deferred` (
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	PRIMARY KEY(`tbl`, `row_id`)
);
--> statement-breakpoint
CREATE TABLE `sync_packages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`direction` text NOT NULL,
	`peer_office_id` text NOT NULL,
	`seq` integer NOT NULL,
	`hash` text NOT NULL,
	`prev_hash` text,
	`file_name` text NOT NULL,
	`at` text NOT NULL,
	`actor` text,
	`operations` integer NOT NULL,
	`summary` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_packages_peer` ON `sync_packages` (`peer_office_id`,`direction`,`seq`);--> statement-breakpoint
CREATE INDEX `sync_packages_hash` ON `sync_packages` (`hash`);--> statement-breakpoint
CREATE TABLE `sync_peers` (
	`office_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`signing_key` text,
	`box_key` text,
	`former_keys` text DEFAULT '[]' NOT NULL,
	`enrollment_token` text,
	`vector` text DEFAULT '{}' NOT NULL,
	`enrolled_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
ALTER TABLE `cases` ADD `assigned_office_id` text;--> statement-breakpoint
CREATE INDEX `cases_assigned` ON `cases` (`assigned_office_id`) WHERE "cases"."assigned_office_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `change_log` ADD `base` text;