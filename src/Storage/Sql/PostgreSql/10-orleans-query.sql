-- Schema for the Orleans ADO.NET providers (main, clustering, persistence, reminders) as Orleans 10.4.2 calls them.
-- The 10.4 NuGet packages ship no SQL, so the hub keeps its own copy. Adapted from the PostgreSQL-*.sql scripts of
-- Microsoft Orleans (https://github.com/dotnet/orleans, src/AdoNet), Copyright (c) .NET Foundation and Contributors,
-- MIT licence; rewritten to be idempotent and matched to the query keys and parameters of the 10.4.2 assemblies.
-- Identifiers are unquoted (folded to lower case); Npgsql resolves Orleans' mixed-case column names case-insensitively.

-- The queries Orleans runs, keyed by the names it looks up. Later scripts upsert their rows, so an edited query
-- takes effect on the next start.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
