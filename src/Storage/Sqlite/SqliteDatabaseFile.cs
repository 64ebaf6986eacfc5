using System.Data.Common;

namespace Lapor.Hub.Storage;

internal static class SqliteDatabaseFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// The database holds citizens' names, chat ids and reports: only the hub's own user may read it, like the key files.
    /// The file is created owner-only before SQLite opens it (SQLite gives its -wal and -shm files the same mode), and an
    /// existing file that others could read is tightened.
    /// </summary>
    public static void KeepPrivate(string dataSource)
    {
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(dataSource) || dataSource.StartsWith(':')
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var path = Path.GetFullPath(dataSource);
        if (!File.Exists(path))
        {
            try
            {
                using var created = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly,
                });
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another connection created it first; its mode is checked below.
            }
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~OwnerOnly) != 0)
            {
                File.SetUnixFileMode(file, OwnerOnly);
            }
        }
    }

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
