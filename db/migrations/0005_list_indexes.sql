DROP INDEX `cases_status_received`;--> statement-breakpoint
DROP INDEX `cases_village_received`;--> statement-breakpoint
DROP INDEX `cases_category_received`;--> statement-breakpoint
CREATE INDEX `cases_status_list` ON `cases` (`status`,`deleted`,`received_at`,`village_id`,`category_id`);--> statement-breakpoint
CREATE INDEX `cases_village_list` ON `cases` (`village_id`,`deleted`,`received_at`,`status`,`category_id`);--> statement-breakpoint
CREATE INDEX `cases_category_list` ON `cases` (`category_id`,`deleted`,`received_at`,`status`,`village_id`);