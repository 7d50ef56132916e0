CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`office_id` text NOT NULL,
	`kind` text NOT NULL,
	`doc_no` text,
	`year` integer,
	`seq` integer,
	`content` text NOT NULL,
	`issued_on` text NOT NULL,
	`issued_at` text NOT NULL,
	`issued_by` text,
	`replaces_id` text,
	`event_id` text
);
--> statement-breakpoint
CREATE INDEX `documents_case` ON `documents` (`case_id`,`issued_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_number` ON `documents` (`office_id`,`kind`,`year`,`seq`);--> statement-breakpoint
CREATE INDEX `documents_issued_on` ON `documents` (`issued_on`,`kind`);--> statement-breakpoint
CREATE TABLE `letter_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE `offices` ADD `doc_prefix` text;