-- Title and text, lower-cased, for word search in lists.
ALTER TABLE report_index ADD COLUMN IF NOT EXISTS search_text text NULL;
