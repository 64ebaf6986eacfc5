using Lapor.Hub.Storage;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Storage;

/// <summary>The SQLite database holds citizens' reports and chat ids: only the hub's own user may read it, like the key files.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SqliteFileModeTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [SkippableFact]
    public async Task A_new_database_and_its_log_files_are_readable_by_the_owner_only()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        using var directory = TestDatabases.CreateDirectory();
        var storage = TestDatabases.SqliteIn(directory);
        await HubSchema.ApplyAsync(storage);

        var database = Path.Combine(storage.ResolvedDataDirectory, HubStorage.SqliteFileName);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(database));
        foreach (var companion in new[] { database + "-wal", database + "-shm" }.Where(File.Exists))
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(companion));
        }
    }

    [SkippableFact]
    public async Task A_database_left_readable_by_others_is_tightened_when_the_hub_opens_it()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        using var directory = TestDatabases.CreateDirectory();
        var storage = TestDatabases.SqliteIn(directory);
        await HubSchema.ApplyAsync(storage);
        var database = Path.Combine(storage.ResolvedDataDirectory, HubStorage.SqliteFileName);
        File.SetUnixFileMode(database, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await HubSchema.ApplyAsync(storage);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(database));
    }
}
