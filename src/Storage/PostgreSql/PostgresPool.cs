using Npgsql;

namespace Lapor.Hub.Storage;

/// <summary>
/// The one bounded connection pool a hub node uses on PostgreSQL. Orleans' grain storage, reminders and clustering
/// and the hub's own queries all open connections with the same connection string, so Npgsql gives them one pool;
/// its <c>Maximum Pool Size</c> is this node's share of what the database allows, and a caller finding every
/// connection busy waits up to <c>Timeout</c> for one instead of opening another (and meeting error 53300).
/// </summary>
internal sealed record PostgresPool(string ConnectionString, int MaxPoolSize, string Basis)
{
    /// <summary>The size when the database cannot be asked at start (it is down): small, so it never exhausts a server.</summary>
    internal const int FallbackMaxPoolSize = 10;

    // PostgreSQL 16 added reserved_connections (for pg_use_reserved_connections); missing_ok reads it as NULL before.
    private const string LimitsSql = """
        SELECT current_setting('max_connections')::int
             - current_setting('superuser_reserved_connections')::int
             - COALESCE(current_setting('reserved_connections', true)::int, 0),
               (SELECT rolconnlimit FROM pg_roles WHERE rolname = current_user),
               (SELECT datconnlimit FROM pg_database WHERE datname = current_database())
        """;

    /// <summary>Decides the pool for <paramref name="options"/>: the configured size, or one derived from the database's limits.</summary>
    public static PostgresPool For(HubStorageOptions options)
    {
        var pool = options.PostgreSql;
        var (size, basis) = pool.MaxPoolSize is { } configured
            ? (configured, $"{HubStorageOptions.SectionName}:{PostgresPoolOptions.SectionName}:{nameof(PostgresPoolOptions.MaxPoolSize)}")
            : FromLimits(options.ConnectionString!, pool);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            MaxPoolSize = size,
            MinPoolSize = 0,
            Timeout = pool.PoolTimeoutSeconds,
            // Npgsql otherwise sends DISCARD ALL before a returned connection is used again. The hub leaves no session
            // state behind but the statements it prepared (kept on purpose): no SET, no temporary tables, no LISTEN; its
            // one advisory lock (the schema's) is released before the connection goes back.
            NoResetOnClose = true,
            // The hub sends the same few statements all day; prepared, the server parses and plans each once per
            // connection instead of at every execution (ADR 41).
            MaxAutoPrepare = pool.MaxAutoPrepare,
        };
        return new PostgresPool(builder.ConnectionString, size, basis);
    }

    /// <summary>The connections one node may open: the tightest of the server's, the role's and the database's limits, less headroom, split between nodes.</summary>
    internal static int ShareOf(int serverAvailable, int roleLimit, int databaseLimit, PostgresPoolOptions pool)
    {
        var budget = serverAvailable - pool.Headroom;
        // -1 means "no limit" for a role or a database.
        if (roleLimit >= 0)
        {
            budget = Math.Min(budget, roleLimit);
        }

        if (databaseLimit >= 0)
        {
            budget = Math.Min(budget, databaseLimit);
        }

        return Math.Max(1, budget / pool.Nodes);
    }

    private static (int Size, string Basis) FromLimits(string connectionString, PostgresPoolOptions pool)
    {
        // A connection outside any pool, so asking does not create a pool of the wrong size.
        var ask = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = pool.PoolTimeoutSeconds };
        try
        {
            using var connection = new NpgsqlConnection(ask.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand(LimitsSql, connection);
            using var reader = command.ExecuteReader();
            reader.Read();
            var (server, role, database) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
            return (ShareOf(server, role, database, pool),
                $"server allows {server}, role {Limit(role)}, database {Limit(database)}; headroom {pool.Headroom}; {pool.Nodes} node(s)");
        }
        catch (NpgsqlException unreachable)
        {
            return (FallbackMaxPoolSize, $"the database's limits could not be read ({unreachable.Message}); a cautious default");
        }
    }

    private static string Limit(int value) => value < 0 ? "no limit" : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
