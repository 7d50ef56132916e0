CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`added_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `attachments_case` ON `attachments` (`case_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text,
	`action` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`actor` text,
	`data` text DEFAULT '{}' NOT NULL,
	`hlc` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_events_case` ON `case_events` (`case_id`,`hlc`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`case_no` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`query_code` text NOT NULL,
	`channel` text NOT NULL,
	`received_at` text NOT NULL,
	`registered_by` text,
	`registered_at` text NOT NULL,
	`matter_type` text NOT NULL,
	`category_id` text,
	`summary` text NOT NULL,
	`content` text DEFAULT '' NOT NULL,
	`village_id` text,
	`people_count` integer DEFAULT 1 NOT NULL,
	`jointly` integer DEFAULT false NOT NULL,
	`anonymous` integer DEFAULT false NOT NULL,
	`skip_level` integer DEFAULT false NOT NULL,
	`repeat_of` text,
	`status` text DEFAULT 'registered' NOT NULL,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_case_no` ON `cases` (`case_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_query_code` ON `cases` (`query_code`);--> statement-breakpoint
CREATE INDEX `cases_received` ON `cases` (`received_at`);--> statement-breakpoint
CREATE INDEX `cases_office_year_seq` ON `cases` (`office_id`,`year`,`seq`);--> statement-breakpoint
CREATE INDEX `cases_status_received` ON `cases` (`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_village_received` ON `cases` (`village_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_category_received` ON `cases` (`category_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` text PRIMARY KEY NOT NULL,
	`parent_id` text,
	`name` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `change_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`origin` text NOT NULL,
	`origin_seq` integer NOT NULL,
	`hlc` text NOT NULL,
	`office_id` text NOT NULL,
	`actor` text,
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`op` text NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_log_origin_seq` ON `change_log` (`origin`,`origin_seq`);--> statement-breakpoint
CREATE INDEX `change_log_row` ON `change_log` (`tbl`,`row_id`);--> statement-breakpoint
CREATE TABLE `drafts` (
	`form` text NOT NULL,
	`user_id` text NOT NULL,
	`data` text NOT NULL,
	`saved_at` text NOT NULL,
	PRIMARY KEY(`form`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `local_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `offices` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_id` text,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `petitioners` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`name` text NOT NULL,
	`id_number` text,
	`gender` text,
	`birth_date` text,
	`region_code` text,
	`phone` text,
	`address` text,
	`village_id` text,
	`representative` integer DEFAULT false NOT NULL,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `petitioners_case` ON `petitioners` (`case_id`,`sort`);--> statement-breakpoint
CREATE INDEX `petitioners_id_number` ON `petitioners` (`id_number`);--> statement-breakpoint
CREATE INDEX `petitioners_name_phone` ON `petitioners` (`name`,`phone`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`unit_id` text,
	`phone` text,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`name` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `villages` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`deleted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `villages_office` ON `villages` (`office_id`,`sort`);