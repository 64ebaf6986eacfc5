-- Console accounts (ASP.NET Core Identity through the hub's own user store). One role per account;
-- an agency officer is bound to exactly one agency.
CREATE TABLE IF NOT EXISTS hub_users
(
    id                   TEXT    NOT NULL PRIMARY KEY,
    user_name            TEXT    NOT NULL,
    normalized_user_name TEXT    NOT NULL UNIQUE,
    display_name         TEXT    NOT NULL,
    role                 TEXT    NOT NULL,
    agency_code          TEXT    NULL,
    password_hash        TEXT    NULL,
    security_stamp       TEXT    NOT NULL,
    concurrency_stamp    TEXT    NOT NULL,
    lockout_enabled      INTEGER NOT NULL,
    lockout_end          TEXT    NULL,
    access_failed_count  INTEGER NOT NULL,
    created_at           TEXT    NOT NULL
);
