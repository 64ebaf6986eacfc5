-- The report query table: one row per report, written by the report grain after each change.
-- Idempotent by version (see SqlReportReadModel).
CREATE TABLE IF NOT EXISTS report_index
(
    tracking_id   varchar(16)      NOT NULL PRIMARY KEY,
    version       integer          NOT NULL,
    status        varchar(32)      NOT NULL,
    agency_code   varchar(40)      NULL,
    category_code varchar(64)      NULL,
    region_code   varchar(16)      NULL,
    latitude      double precision NULL,
    longitude     double precision NULL,
    channel       varchar(16)      NOT NULL,
    is_secret     boolean          NOT NULL,
    is_anonymous  boolean          NOT NULL,
    is_published  boolean          NOT NULL,
    summary       text             NOT NULL,
    filed_at      timestamptz      NOT NULL,
    updated_at    timestamptz      NOT NULL,
    due_kind      varchar(32)      NULL,
    due_at        timestamptz      NULL,
    is_overdue    boolean          NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_report_index_status_due ON report_index (status, due_at);
CREATE INDEX IF NOT EXISTS ix_report_index_agency_status ON report_index (agency_code, status);
CREATE INDEX IF NOT EXISTS ix_report_index_published_filed ON report_index (is_published, filed_at);
CREATE INDEX IF NOT EXISTS ix_report_index_category ON report_index (category_code);
CREATE INDEX IF NOT EXISTS ix_report_index_region ON report_index (region_code);
CREATE INDEX IF NOT EXISTS ix_report_index_overdue ON report_index (is_overdue, due_at);
