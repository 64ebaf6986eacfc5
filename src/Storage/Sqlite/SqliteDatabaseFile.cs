using System.Data.Common;

namespace Lapor.Hub.Storage;

internal static class SqliteDatabaseFile
{
    /// <summary>
    /// Switches the file to write-ahead logging, so readers never block the writer. The mode is stored in the file,
    /// so the connections Orleans opens itself get it too. It cannot be changed inside a transaction.
    /// </summary>
    public static async Task UseWriteAheadLogAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var mode = await connection.ScalarAsync("PRAGMA journal_mode=WAL;", null, cancellationToken) as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase) && !string.Equals(mode, "memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused write-ahead logging for '{connection.DataSource}' (journal mode is '{mode}').");
        }
    }
}
