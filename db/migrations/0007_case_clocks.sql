CREATE TABLE `case_clocks` (
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text DEFAULT '' NOT NULL,
	`start` text NOT NULL,
	`due` text NOT NULL,
	`note` text,
	`status` text NOT NULL,
	`unit_id` text,
	`handler_id` text,
	`leader_id` text,
	PRIMARY KEY(`case_id`, `kind`, `ref_id`)
);
--> statement-breakpoint
CREATE INDEX `case_clocks_due` ON `case_clocks` (`due`);--> statement-breakpoint
CREATE INDEX `case_clocks_unit` ON `case_clocks` (`unit_id`,`due`);--> statement-breakpoint
CREATE INDEX `case_clocks_handler` ON `case_clocks` (`handler_id`,`due`);--> statement-breakpoint
CREATE INDEX `case_clocks_leader` ON `case_clocks` (`leader_id`,`due`);--> statement-breakpoint
-- derived from events: built at the next start (services/work-list.ts rebuildClocksIfStale)
INSERT OR REPLACE INTO `local_state` (`key`, `value`) VALUES ('clocks_stale', '1');
