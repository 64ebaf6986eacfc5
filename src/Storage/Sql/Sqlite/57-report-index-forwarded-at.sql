-- When the report reached its agency (the last forwarding), for the agency's "received" column. Applied once;
-- rows written before it stay empty until the report next changes.
ALTER TABLE report_index ADD COLUMN forwarded_at TEXT NULL;
