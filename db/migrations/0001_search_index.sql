-- Full-text index of the register (local, rebuilt from cases; never synced).
-- Its text is pre-tokenized by src-main/services/search-index.ts into Chinese character
-- bigrams and whole Latin/digit words; rowid is the rowid of the case.
CREATE VIRTUAL TABLE `case_search` USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
