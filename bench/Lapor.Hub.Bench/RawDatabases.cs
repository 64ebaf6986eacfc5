using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lapor.Hub.Bench;

/// <summary>The database's own rate: one ~2 KB row per transaction, a commit (an fsync) each, from N concurrent writers.</summary>
internal static class RawDatabases
{
    private static readonly byte[] Row = new byte[2048];

    /// <summary>SQLite (WAL, synchronous=FULL): a connection per writer; the writers take turns for the write lock (a semaphore, never the busy loop).</summary>
    public static async Task<LoadResult> SqliteAsync(string directory, int writers, TimeSpan? warmup = null)
    {
        Random.Shared.NextBytes(Row);
        var file = Path.Combine(directory, "raw.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
        await using (var setup = new SqliteConnection(connectionString))
        {
            await setup.OpenAsync();
            await ExecuteAsync(setup, "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS rows (id integer PRIMARY KEY, payload blob NOT NULL)");
        }

        var turn = new SemaphoreSlim(1);
        var connections = new SqliteConnection[writers];
        for (var i = 0; i < writers; i++)
        {
            connections[i] = new SqliteConnection(connectionString);
            await connections[i].OpenAsync();
            await ExecuteAsync(connections[i], "PRAGMA synchronous=FULL");
        }

        try
        {
            return await Load.ClosedAsync("raw SQLite single-row commits", writers, Environment.ProcessId, async (client, _) =>
            {
                await turn.WaitAsync();
                try
                {
                    await using var transaction = connections[client].BeginTransaction(deferred: false);
                    await using var insert = connections[client].CreateCommand();
                    insert.CommandText = "INSERT INTO rows (payload) VALUES (@payload)";
                    insert.Parameters.AddWithValue("@payload", Row);
                    await insert.ExecuteNonQueryAsync();
                    transaction.Commit();
                    return true;
                }
                finally
                {
                    turn.Release();
                }
            }, warmup);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>PostgreSQL: a connection per writer, autocommit INSERTs (the server may group their WAL flushes).</summary>
    public static async Task<LoadResult> PostgresAsync(string connectionString, int writers, TimeSpan? warmup = null)
    {
        Random.Shared.NextBytes(Row);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var setup = await dataSource.OpenConnectionAsync())
        {
            await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS raw_rows (id bigserial PRIMARY KEY, payload bytea NOT NULL)", setup);
            await create.ExecuteNonQueryAsync();
        }

        var connections = new NpgsqlConnection[writers];
        for (var i = 0; i < writers; i++)
        {
            connections[i] = await dataSource.OpenConnectionAsync();
        }

        try
        {
            return await Load.ClosedAsync("raw PostgreSQL single-row commits", writers, Environment.ProcessId, async (client, _) =>
            {
                await using var insert = new NpgsqlCommand("INSERT INTO raw_rows (payload) VALUES (@payload)", connections[client]);
                insert.Parameters.AddWithValue("payload", Row);
                await insert.ExecuteNonQueryAsync();
                return true;
            }, warmup);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
