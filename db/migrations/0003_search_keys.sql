-- The search index is keyed by received time (see src-main/services/search-index.ts): rebuild it
-- with the new keys. case_search_keys remembers each case's key; both are local, never synced.
CREATE TABLE `case_search_keys` (`case_rowid` INTEGER PRIMARY KEY, `key` INTEGER NOT NULL);--> statement-breakpoint
DELETE FROM `case_search`;--> statement-breakpoint
INSERT INTO `local_state` (`key`, `value`) VALUES ('search_index_stale', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = '1';
