-- Whether the agency missed its follow-up deadline, kept after the follow-up arrives (for on-time rates).
ALTER TABLE report_index ADD COLUMN IF NOT EXISTS follow_up_missed boolean NOT NULL DEFAULT false;
