-- Whether the agency missed its follow-up deadline, kept after the follow-up arrives (for on-time rates). Applied once.
ALTER TABLE report_index ADD COLUMN follow_up_missed INTEGER NOT NULL DEFAULT 0;
