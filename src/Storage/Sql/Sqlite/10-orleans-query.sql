-- The queries the Orleans ADO.NET providers (10.4.2) run, keyed by the names they look up.
-- Later scripts upsert their rows (INSERT OR REPLACE), so an edited query takes effect on the next start.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);
