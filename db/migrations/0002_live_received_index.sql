DROP INDEX `cases_received`;--> statement-breakpoint
CREATE INDEX `cases_received` ON `cases` (`deleted`,`received_at`);