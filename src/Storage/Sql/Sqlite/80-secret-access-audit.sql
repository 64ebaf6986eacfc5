-- Every time someone other than the public opens a secret report: who, when, how. Append-only.
CREATE TABLE IF NOT EXISTS secret_access_audit
(
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at          TEXT    NOT NULL,
    tracking_id TEXT    NOT NULL,
    viewer_kind TEXT    NOT NULL,
    viewer_id   TEXT    NOT NULL,
    agency_code TEXT    NULL,
    via         TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_secret_access_audit_at ON secret_access_audit (at);
CREATE INDEX IF NOT EXISTS ix_secret_access_audit_report ON secret_access_audit (tracking_id);
