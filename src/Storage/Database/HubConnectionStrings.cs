using Microsoft.Data.Sqlite;

namespace Lapor.Hub.Storage;

/// <summary>Turns <see cref="HubStorageOptions"/> into the connection string every component shares.</summary>
internal static class HubConnectionStrings
{
    /// <summary>How long a SQLite command waits for a concurrent writer before it fails (Microsoft.Data.Sqlite retries while busy).</summary>
    internal const int SqliteBusyTimeoutSeconds = 30;

    /// <summary>The connection string for <paramref name="options"/>; for SQLite also creates the data directory.</summary>
    internal static string For(HubStorageOptions options)
    {
        options.Validate();
        return options.Provider switch
        {
            HubStorageProvider.Sqlite => ForSqlite(options),
            HubStorageProvider.PostgreSql => options.ResolvedPostgresPool.ConnectionString,
            _ => throw new HubStorageConfigurationException($"Unknown storage provider '{options.Provider}'."),
        };
    }

    /// <summary>Where the data lives, for logs: the SQLite file, or the PostgreSQL server and database (never the password).</summary>
    internal static string Describe(HubStorageOptions options)
    {
        if (options.Provider == HubStorageProvider.Sqlite)
        {
            return Path.GetFullPath(new SqliteConnectionStringBuilder(For(options)).DataSource);
        }

        var postgres = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
        return $"{postgres.Host}:{postgres.Port}/{postgres.Database}";
    }

    private static string ForSqlite(HubStorageOptions options)
    {
        var builder = options.ConnectionString is null
            ? new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(options.ResolvedDataDirectory, HubStorage.SqliteFileName),
                Mode = SqliteOpenMode.ReadWriteCreate,
                DefaultTimeout = SqliteBusyTimeoutSeconds,
                ForeignKeys = true,
            }
            : new SqliteConnectionStringBuilder(options.ConnectionString);

        CreateDirectoryOf(builder.DataSource);
        SqliteDatabaseFile.KeepPrivate(builder.DataSource);
        return builder.ToString();
    }

    private static void CreateDirectoryOf(string dataSource)
    {
        if (string.IsNullOrEmpty(dataSource) || dataSource.StartsWith(':') || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
