using Lapor.Hub.Tests.Infrastructure;
using Npgsql;

namespace Lapor.Hub.Tests.Storage.Postgres;

/// <summary>
/// A database of its own with a connection limit: the hub runs on it, and the test can count its sessions or lock it
/// out (without stopping the PostgreSQL server other tests share, and without needing the right to create roles).
/// </summary>
public sealed class LimitedPostgresDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private LimitedPostgresDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<LimitedPostgresDatabase> CreateAsync(int connectionLimit)
    {
        var admin = TestDatabases.PostgresAdminConnectionString ?? throw new InvalidOperationException(TestDatabases.PostgresSkipReason);
        var database = new LimitedPostgresDatabase(admin, $"lapor_limited_{Guid.NewGuid():N}");
        await database.AdminAsync($"CREATE DATABASE \"{database.Name}\" CONNECTION LIMIT {connectionLimit}");
        return database;
    }

    /// <summary>
    /// The client sessions on this database now, as PostgreSQL counts them against its connection limit: an autovacuum
    /// worker cleaning up after a burst of inserts also shows in pg_stat_activity under the database's name, but it is
    /// not a connection anyone opened.
    /// </summary>
    public async Task<int> SessionsAsync() =>
        Convert.ToInt32(await AdminScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = @name AND backend_type = 'client backend'"),
            System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The database as the hub sees it when its server is down: no new session, the open ones ended.</summary>
    public async Task TakeDownAsync()
    {
        await AdminAsync($"ALTER DATABASE \"{Name}\" ALLOW_CONNECTIONS false");
        await AdminScalarAsync("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name");
    }

    public Task BringBackAsync() => AdminAsync($"ALTER DATABASE \"{Name}\" ALLOW_CONNECTIONS true");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> AdminScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", Name);
        return await command.ExecuteScalarAsync();
    }
}
