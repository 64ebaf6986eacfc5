-- The opt-in register of policy polls: one row per chat address, written by its conversation (opt-in/out, region and
-- agencies from its reports), paged by address by a poll's invitation job. agencies is "|CODE|CODE|" for a LIKE match.
CREATE TABLE IF NOT EXISTS poll_subscribers
(
    address     TEXT    NOT NULL PRIMARY KEY,
    voter_key   TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    language    TEXT    NOT NULL,
    region_code TEXT    NULL,
    agencies    TEXT    NOT NULL,
    opted_in    INTEGER NOT NULL,
    updated_at  TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_poll_subscribers_opted_in ON poll_subscribers (opted_in, address);
