CREATE TABLE `calendar_days` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE `offices` ADD `day_count` text DEFAULT 'calendar' NOT NULL;--> statement-breakpoint
ALTER TABLE `offices` ADD `warn_days` integer DEFAULT 3 NOT NULL;