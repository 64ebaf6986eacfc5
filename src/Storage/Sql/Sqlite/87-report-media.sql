-- Which report each stored photo or file belongs to: the media endpoint checks the report's viewers, and uploads that
-- never became part of a report are swept away. The first report to claim a file keeps it.
CREATE TABLE IF NOT EXISTS report_media
(
    media_id    TEXT        NOT NULL PRIMARY KEY,
    tracking_id TEXT        NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_report_media_report ON report_media (tracking_id);
