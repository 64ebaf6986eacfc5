-- Admin-confirmed routings: the labelled examples the routing model is retrained on.
CREATE TABLE IF NOT EXISTS routing_feedback
(
    tracking_id        TEXT    NOT NULL PRIMARY KEY,
    version            INTEGER NOT NULL,
    text               TEXT    NOT NULL,
    region_code        TEXT    NULL,
    category_code      TEXT    NOT NULL,
    agency_code        TEXT    NOT NULL,
    confirmed_at       TEXT    NOT NULL,
    suggested_category TEXT    NULL,
    suggested_agency   TEXT    NULL,
    model_version      TEXT    NULL
);

CREATE INDEX IF NOT EXISTS ix_routing_feedback_confirmed ON routing_feedback (confirmed_at);
