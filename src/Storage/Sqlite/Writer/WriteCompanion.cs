using Microsoft.Data.Sqlite;

namespace Lapor.Hub.Storage.Sqlite.Writer;

/// <summary>
/// A statement that rides with the next write command of this call flow (ADR 39): the writer runs it in that command's
/// transaction, under a savepoint of its own, if the command changed a row. Its failure is rolled back alone and fails
/// nobody; <see cref="Written"/> then stays false and the caller writes it on its own.
/// </summary>
internal sealed class WriteCompanion : IDisposable
{
    private static readonly AsyncLocal<WriteCompanion?> Offered = new();
    private int _claimed;
    private volatile bool _written;

    /// <summary>Offers the statement to the next write of this call flow until disposed.</summary>
    public WriteCompanion(string sql, IReadOnlyList<SqliteParameter> parameters)
    {
        Sql = sql;
        Parameters = parameters;
        Offered.Value = this;
    }

    public string Sql { get; }

    public IReadOnlyList<SqliteParameter> Parameters { get; }

    /// <summary>True once the write it rode with has committed with it.</summary>
    public bool Written => _written;

    /// <summary>The companion offered to this call flow, taken by the first write that asks.</summary>
    public static WriteCompanion? Claim() =>
        Offered.Value is { } offered && Interlocked.Exchange(ref offered._claimed, 1) == 0 ? offered : null;

    internal void MarkWritten() => _written = true;

    public void Dispose()
    {
        Interlocked.Exchange(ref _claimed, 1);
        if (ReferenceEquals(Offered.Value, this))
        {
            Offered.Value = null;
        }
    }
}
