-- Title and text, lower-cased, for word search in lists (applied once; the journal keeps it from running again).
ALTER TABLE report_index ADD COLUMN search_text TEXT NULL;
