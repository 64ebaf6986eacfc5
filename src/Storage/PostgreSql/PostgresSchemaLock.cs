using System.Data.Common;

namespace Lapor.Hub.Storage;

/// <summary>
/// A session-level advisory lock, so silos starting together apply the schema one after another
/// (concurrent CREATE TABLE IF NOT EXISTS can still collide in PostgreSQL's catalog).
/// </summary>
internal sealed class PostgresSchemaLock : IAsyncDisposable
{
    // Any constant shared by every silo of the hub; "LAPORHUB" in ASCII.
    private const long LockKey = 0x4C41504F52485542;

    private readonly DbConnection _connection;

    private PostgresSchemaLock(DbConnection connection) => _connection = connection;

    public static async Task<PostgresSchemaLock> AcquireAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@Key);", null, cancellationToken, ("Key", LockKey));
        return new PostgresSchemaLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _connection.ExecuteAsync("SELECT pg_advisory_unlock(@Key);", null, CancellationToken.None, ("Key", LockKey));
        }
        catch (DbException)
        {
            // The session is gone, and its advisory locks with it.
        }
    }
}
