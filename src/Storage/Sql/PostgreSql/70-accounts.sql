-- Console accounts (ASP.NET Core Identity through the hub's own user store). One role per account;
-- an agency officer is bound to exactly one agency.
CREATE TABLE IF NOT EXISTS hub_users
(
    id                   varchar(64)  NOT NULL PRIMARY KEY,
    user_name            varchar(64)  NOT NULL,
    normalized_user_name varchar(64)  NOT NULL UNIQUE,
    display_name         varchar(100) NOT NULL,
    role                 varchar(32)  NOT NULL,
    agency_code          varchar(40)  NULL,
    password_hash        text         NULL,
    security_stamp       varchar(64)  NOT NULL,
    concurrency_stamp    varchar(64)  NOT NULL,
    lockout_enabled      boolean      NOT NULL,
    lockout_end          timestamptz  NULL,
    access_failed_count  integer      NOT NULL,
    created_at           timestamptz  NOT NULL
);
