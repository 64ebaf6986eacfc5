using Lapor.Hub.Storage;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Lapor.Hub.Tests.Storage;

/// <summary>Reminders through Orleans' ADO.NET reminder table on a real database; run once per provider.</summary>
public abstract class ReminderContract<TFixture>(TFixture fixture) where TFixture : HubClusterFixture
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [SkippableFact]
    public async Task A_reminder_is_registered_listed_fires_and_is_unregistered()
    {
        fixture.SkipIfUnavailable();
        var key = Guid.NewGuid().ToString("N");
        var grain = fixture.GrainFactory.GetGrain<IReminderProbeGrain>(key);

        await grain.Register("deadline", Second, Second);
        await grain.Register("escalation", TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        Assert.Equal(new[] { "deadline", "escalation" }, await grain.ListReminders());
        Assert.Equal(2, await CountStoredRemindersAsync(key));

        await WaitUntilAsync(async () => await grain.Ticks("deadline") >= 2, "the reminder to fire twice");

        await grain.Unregister("deadline");
        await grain.Unregister("escalation");
        Assert.Empty(await grain.ListReminders());
        Assert.Equal(0, await CountStoredRemindersAsync(key));
    }

    [SkippableFact]
    public async Task A_reminder_outlives_the_cluster_that_registered_it()
    {
        fixture.SkipIfUnavailable();
        var key = Guid.NewGuid().ToString("N");
        await fixture.GrainFactory.GetGrain<IReminderProbeGrain>(key).Register("deadline", Second, Second);

        await fixture.RestartClusterAsync();

        // The new cluster loads the reminder from the table and activates the grain to deliver it.
        var grain = fixture.GrainFactory.GetGrain<IReminderProbeGrain>(key);
        await WaitUntilAsync(async () => await grain.Ticks("deadline") >= 1, "the reminder to fire after the restart");
        Assert.Equal(new[] { "deadline" }, await grain.ListReminders());
        await grain.Unregister("deadline");
    }

    private async Task<long> CountStoredRemindersAsync(string grainKey)
    {
        await using var services = new ServiceCollection().AddLogging().AddHubDatabase(fixture.Storage).BuildServiceProvider();
        await using var connection = await services.GetRequiredService<IHubDatabase>().OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM OrleansRemindersTable WHERE GrainId LIKE @Pattern";
        var pattern = command.CreateParameter();
        pattern.ParameterName = "Pattern";
        pattern.Value = $"%{grainKey}";
        command.Parameters.Add(pattern);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}

// Two silos: each reads its own range of the reminder table (both range queries) and both apply the schema at start.
public sealed class TwoSiloSqliteFixture : SqliteHubClusterFixture
{
    protected override Task<TestCluster> StartClusterAsync(HubStorageOptions storage) => HubTestClusters.StartAsync(storage, silos: 2);
}

public sealed class TwoSiloPostgresFixture : PostgresHubClusterFixture
{
    protected override Task<TestCluster> StartClusterAsync(HubStorageOptions storage) => HubTestClusters.StartAsync(storage, silos: 2);
}

public sealed class SqliteReminderTests(TwoSiloSqliteFixture fixture)
    : ReminderContract<TwoSiloSqliteFixture>(fixture), IClassFixture<TwoSiloSqliteFixture>;

public sealed class PostgresReminderTests(TwoSiloPostgresFixture fixture)
    : ReminderContract<TwoSiloPostgresFixture>(fixture), IClassFixture<TwoSiloPostgresFixture>;
