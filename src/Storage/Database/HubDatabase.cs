using System.Data.Common;
using Lapor.Hub.Storage.Sqlite.Writer;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Lapor.Hub.Storage;

internal sealed partial class HubDatabase : IHubDatabase
{
    private readonly string _connectionString;
    private readonly ILogger _logger;

    public HubDatabase(HubStorageOptions options, ILogger<HubDatabase> logger)
    {
        Provider = options.Provider;
        _connectionString = HubConnectionStrings.For(options);
        _logger = logger;
    }

    public HubStorageProvider Provider { get; }

    /// <summary>The counters of the SQLite file's one writer (ADR 32); null on PostgreSQL.</summary>
    internal SqliteWriteStatistics.Snapshot? WriterStatistics => Provider == HubStorageProvider.Sqlite
        ? HubSqliteDataSource.For(_connectionString).Writer.Statistics.Read()
        : null;

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        // On PostgreSQL the same connection string as Orleans' providers, so Npgsql hands out connections from the one
        // bounded pool they use (PostgresPool); an NpgsqlDataSource would be a second pool beside it.
        // On SQLite, connections whose writes go to the file's one writer (ADR 32), as Orleans' do.
        if (Provider == HubStorageProvider.Sqlite)
        {
            return await HubSqliteDataSource.For(_connectionString).OpenConnectionAsync(cancellationToken);
        }

        return await new NpgsqlConnection(_connectionString).OpenOrDisposeAsync(cancellationToken);
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception exception)
        {
            LogUnreachable(exception, Provider);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Provider} database is not reachable.")]
    private partial void LogUnreachable(Exception exception, HubStorageProvider provider);
}
