using Lapor.Hub.Storage;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Storage;

public sealed class HubDatabaseTests
{
    [Fact]
    public async Task Sqlite_is_reachable_and_serves_the_lead_tables()
    {
        using var directory = TestDatabases.CreateDirectory();
        var storage = TestDatabases.SqliteIn(directory);
        await HubSchema.ApplyAsync(storage);
        await using var services = Services(storage);
        var database = services.GetRequiredService<IHubDatabase>();

        Assert.Equal(HubStorageProvider.Sqlite, database.Provider);
        Assert.True(await database.IsReachableAsync());
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {HubSchema.JournalTable}";
        Assert.True(Convert.ToInt64(await command.ExecuteScalarAsync()) > 0);
    }

    [SkippableFact]
    public async Task PostgreSql_is_reachable()
    {
        Skip.IfNot(TestDatabases.HasPostgres, TestDatabases.PostgresSkipReason);
        await using var database = await TestDatabases.CreatePostgresAsync();
        await using var services = Services(TestDatabases.PostgresIn(database));

        Assert.True(await services.GetRequiredService<IHubDatabase>().IsReachableAsync());
    }

    [Fact]
    public async Task An_unreachable_server_reports_false_instead_of_throwing()
    {
        var storage = new HubStorageOptions
        {
            Provider = HubStorageProvider.PostgreSql,
            ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Password=x;Timeout=2",
        };
        await using var services = Services(storage);

        Assert.False(await services.GetRequiredService<IHubDatabase>().IsReachableAsync());
    }

    private static ServiceProvider Services(HubStorageOptions storage) =>
        new ServiceCollection().AddLogging().AddHubDatabase(storage).BuildServiceProvider();
}
