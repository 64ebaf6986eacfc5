using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lapor.Hub.Storage.Sqlite.Writer;

/// <summary>
/// Copies the write-ahead log back into the database file from a connection of its own, a few times a second, so the
/// writer's commits never pay for it. SQLite's automatic checkpoint runs inside the commit that crosses its threshold:
/// that commit, and every caller waiting for the next group commit, would stall while megabytes are written and synced.
/// A passive checkpoint takes no write lock: the writer goes on committing while it runs.
/// </summary>
internal sealed class SqliteCheckpointer : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    /// <summary>The writer's own threshold, a safety net should this checkpointer fall behind (pages of the WAL).</summary>
    public const int WriterAutoCheckpointPages = 10_000;

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly Timer _timer;
    private bool _disposed;

    public SqliteCheckpointer(string connectionString)
    {
        // Outside the pool: the writer's connections come from it, and this one's busy handler is off.
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        _connection.Open();
        raw.sqlite3_busy_timeout(_connection.Handle, 0);
        // A connection reads the file, and learns it is in WAL mode, only with its first statement.
        raw.sqlite3_exec(_connection.Handle, "SELECT count(*) FROM sqlite_master");
        _timer = new Timer(_ => Checkpoint(), null, Period, Period);
    }

    private void Checkpoint()
    {
        if (!_gate.TryEnter())
        {
            return;
        }

        try
        {
            if (!_disposed)
            {
                // Passive: copies what no reader still needs and returns; a busy database is tried again next period.
                raw.sqlite3_wal_checkpoint_v2(_connection.Handle, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _);
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            _disposed = true;
            _connection.Dispose();
        }
    }
}
