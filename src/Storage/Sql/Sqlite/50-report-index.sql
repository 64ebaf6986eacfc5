-- The report query table: one row per report, written by the report grain after each change.
-- Idempotent by version (see SqlReportReadModel). Timestamps are ISO-8601 UTC text, which sorts correctly.
CREATE TABLE IF NOT EXISTS report_index
(
    tracking_id   TEXT    NOT NULL PRIMARY KEY,
    version       INTEGER NOT NULL,
    status        TEXT    NOT NULL,
    agency_code   TEXT    NULL,
    category_code TEXT    NULL,
    region_code   TEXT    NULL,
    latitude      REAL    NULL,
    longitude     REAL    NULL,
    channel       TEXT    NOT NULL,
    is_secret     INTEGER NOT NULL,
    is_anonymous  INTEGER NOT NULL,
    is_published  INTEGER NOT NULL,
    summary       TEXT    NOT NULL,
    filed_at      TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    due_kind      TEXT    NULL,
    due_at        TEXT    NULL,
    is_overdue    INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_report_index_status_due ON report_index (status, due_at);
CREATE INDEX IF NOT EXISTS ix_report_index_agency_status ON report_index (agency_code, status);
CREATE INDEX IF NOT EXISTS ix_report_index_published_filed ON report_index (is_published, filed_at);
CREATE INDEX IF NOT EXISTS ix_report_index_category ON report_index (category_code);
CREATE INDEX IF NOT EXISTS ix_report_index_region ON report_index (region_code);
CREATE INDEX IF NOT EXISTS ix_report_index_overdue ON report_index (is_overdue, due_at);
