using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lapor.Hub.Storage;

internal static class HubConnections
{
    /// <summary>An open connection outside any pool owner, for start-up work such as applying the schema.</summary>
    public static async Task<DbConnection> OpenAsync(HubStorageOptions options, CancellationToken cancellationToken)
    {
        var connectionString = HubConnectionStrings.For(options);
        DbConnection connection = options.Provider == HubStorageProvider.PostgreSql
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        return await connection.OpenOrDisposeAsync(cancellationToken);
    }

    /// <summary>Opens <paramref name="connection"/>, disposing it if that fails, so no half-open connection leaks.</summary>
    public static async Task<DbConnection> OpenOrDisposeAsync(this DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static async Task<int> ExecuteAsync(
        this DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand(sql, transaction, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<object?> ScalarAsync(
        this DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand(sql, transaction, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    private static DbCommand CreateCommand(
        this DbConnection connection, string sql, DbTransaction? transaction, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
