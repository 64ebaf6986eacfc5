-- The poll query table: one row per poll, written by the poll grain after each command and each counted or changed vote.
-- Idempotent by version (see SqlPollReadModel). Tallies only (results_json), never who voted for what.
CREATE TABLE IF NOT EXISTS poll_index
(
    poll_id              varchar(16)  NOT NULL PRIMARY KEY,
    version              integer      NOT NULL,
    agency_code          varchar(40)  NOT NULL,
    status               varchar(16)  NOT NULL,
    question             text         NOT NULL,
    opens_at             timestamptz  NOT NULL,
    closes_at            timestamptz  NOT NULL,
    closed_at            timestamptz  NULL,
    audience_json        text         NOT NULL,
    results_before_close boolean      NOT NULL,
    results_json         text         NOT NULL,
    total_votes          integer      NOT NULL,
    updated_at           timestamptz  NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_poll_index_status_closes ON poll_index (status, closes_at);
CREATE INDEX IF NOT EXISTS ix_poll_index_agency_status ON poll_index (agency_code, status);
