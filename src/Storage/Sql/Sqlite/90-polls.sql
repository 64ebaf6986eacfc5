-- The poll query table: one row per poll, written by the poll grain after each command and each counted or changed vote.
-- Idempotent by version (see SqlPollReadModel). Tallies only (results_json), never who voted for what.
-- Timestamps are ISO-8601 UTC text, which sorts correctly.
CREATE TABLE IF NOT EXISTS poll_index
(
    poll_id              TEXT    NOT NULL PRIMARY KEY,
    version              INTEGER NOT NULL,
    agency_code          TEXT    NOT NULL,
    status               TEXT    NOT NULL,
    question             TEXT    NOT NULL,
    opens_at             TEXT    NOT NULL,
    closes_at            TEXT    NOT NULL,
    closed_at            TEXT    NULL,
    audience_json        TEXT    NOT NULL,
    results_before_close INTEGER NOT NULL,
    results_json         TEXT    NOT NULL,
    total_votes          INTEGER NOT NULL,
    updated_at           TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_poll_index_status_closes ON poll_index (status, closes_at);
CREATE INDEX IF NOT EXISTS ix_poll_index_agency_status ON poll_index (agency_code, status);
