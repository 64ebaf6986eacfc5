-- When the report reached its agency (the last forwarding), for the agency's "received" column.
ALTER TABLE report_index ADD COLUMN IF NOT EXISTS forwarded_at timestamptz NULL;
