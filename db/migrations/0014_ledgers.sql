CREATE TABLE `daily_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`report_date` text NOT NULL,
	`zero` integer NOT NULL,
	`batches` integer NOT NULL,
	`persons` integer NOT NULL,
	`by_channel` text DEFAULT '{}' NOT NULL,
	`disputes_found` integer NOT NULL,
	`disputes_resolved` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`issued_at` text NOT NULL,
	`issued_by` text,
	`replaces_id` text
);
--> statement-breakpoint
CREATE INDEX `daily_reports_office_date` ON `daily_reports` (`office_id`,`report_date`);--> statement-breakpoint
CREATE INDEX `daily_reports_date` ON `daily_reports` (`report_date`);--> statement-breakpoint
CREATE TABLE `disputes` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`found_on` text NOT NULL,
	`village_id` text,
	`parties` text DEFAULT '[]' NOT NULL,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`mediator` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`resolution` text DEFAULT '' NOT NULL,
	`resolved_on` text,
	`registered_by` text,
	`registered_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `disputes_office_found` ON `disputes` (`office_id`,`found_on`);--> statement-breakpoint
CREATE INDEX `disputes_office_resolved` ON `disputes` (`office_id`,`resolved_on`);--> statement-breakpoint
CREATE TABLE `reception_days` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`date` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`leader_id` text NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reception_days_office_date` ON `reception_days` (`office_id`,`date`);