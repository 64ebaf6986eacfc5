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
            HubStorageProvider.PostgreSql => options.ConnectionString!,
            _ => throw new HubStorageConfigurationException($"Unknown storage provider '{options.Provider}'."),
        };
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
