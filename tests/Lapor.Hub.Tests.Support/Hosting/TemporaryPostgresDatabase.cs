using Npgsql;

namespace Lapor.Hub.Tests.Infrastructure;

/// <summary>A database created for one test class and dropped on dispose.</summary>
public sealed class TemporaryPostgresDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TemporaryPostgresDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>Connects to this database with the admin role's credentials.</summary>
    public string ConnectionString { get; }

    internal static async Task<TemporaryPostgresDatabase> CreateAsync(string adminConnectionString)
    {
        var database = new TemporaryPostgresDatabase(adminConnectionString, $"lapor_test_{Guid.NewGuid():N}");
        await database.ExecuteAsAdminAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // FORCE ends sessions Orleans may still hold in its own pools.
        await ExecuteAsAdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
