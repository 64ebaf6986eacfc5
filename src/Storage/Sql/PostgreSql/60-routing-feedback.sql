-- Admin-confirmed routings: the labelled examples the routing model is retrained on.
CREATE TABLE IF NOT EXISTS routing_feedback
(
    tracking_id        varchar(16) NOT NULL PRIMARY KEY,
    version            integer     NOT NULL,
    text               text        NOT NULL,
    region_code        varchar(16) NULL,
    category_code      varchar(64) NOT NULL,
    agency_code        varchar(40) NOT NULL,
    confirmed_at       timestamptz NOT NULL,
    suggested_category varchar(64) NULL,
    suggested_agency   varchar(40) NULL,
    model_version      varchar(64) NULL
);

CREATE INDEX IF NOT EXISTS ix_routing_feedback_confirmed ON routing_feedback (confirmed_at);
