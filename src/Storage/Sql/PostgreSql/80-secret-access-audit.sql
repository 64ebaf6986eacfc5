-- Every time someone other than the public opens a secret report: who, when, how. Append-only.
CREATE TABLE IF NOT EXISTS secret_access_audit
(
    id          bigserial    NOT NULL PRIMARY KEY,
    at          timestamptz  NOT NULL,
    tracking_id varchar(16)  NOT NULL,
    viewer_kind varchar(32)  NOT NULL,
    viewer_id   varchar(100) NOT NULL,
    agency_code varchar(40)  NULL,
    via         varchar(200) NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_secret_access_audit_at ON secret_access_audit (at);
CREATE INDEX IF NOT EXISTS ix_secret_access_audit_report ON secret_access_audit (tracking_id);
