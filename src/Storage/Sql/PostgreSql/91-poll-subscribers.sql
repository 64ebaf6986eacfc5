-- The opt-in register of policy polls: one row per chat address, written by its conversation (opt-in/out, region and
-- agencies from its reports), paged by address by a poll's invitation job. agencies is "|CODE|CODE|" for a LIKE match.
-- Addresses compare byte-wise ("C"), so the job's cursor and its ORDER BY agree whatever the database's locale.
CREATE TABLE IF NOT EXISTS poll_subscribers
(
    address     varchar(200) COLLATE "C" NOT NULL PRIMARY KEY,
    voter_key   varchar(220) NOT NULL,
    channel     varchar(32)  NOT NULL,
    language    varchar(8)   NOT NULL,
    region_code varchar(20)  NULL,
    agencies    text         NOT NULL,
    opted_in    integer      NOT NULL,
    updated_at  timestamptz  NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_poll_subscribers_opted_in ON poll_subscribers (opted_in, address);
