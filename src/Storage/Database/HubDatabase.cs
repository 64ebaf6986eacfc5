using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Lapor.Hub.Storage;

internal sealed partial class HubDatabase : IHubDatabase, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;
    private readonly ILogger _logger;

    public HubDatabase(HubStorageOptions options, ILogger<HubDatabase> logger)
    {
        Provider = options.Provider;
        _connectionString = HubConnectionStrings.For(options);
        _postgres = Provider == HubStorageProvider.PostgreSql ? NpgsqlDataSource.Create(_connectionString) : null;
        _logger = logger;
    }

    public HubStorageProvider Provider { get; }

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        return await new SqliteConnection(_connectionString).OpenOrDisposeAsync(cancellationToken);
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

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Provider} database is not reachable.")]
    private partial void LogUnreachable(Exception exception, HubStorageProvider provider);
}
