using System.Net;
using System.Net.Sockets;
using Lapor.Hub.Storage;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Lapor.Hub.Tests.Storage;

/// <summary>
/// A real silo host wired only by <see cref="HubSiloBuilderExtensions.UseHubStorage"/>, as Program does:
/// the schema must be applied at start-up by the silo itself, and clustering must work on each provider.
/// </summary>
public sealed class SiloHostTests
{
    [Fact]
    public async Task A_sqlite_silo_applies_its_schema_at_start_and_keeps_state_across_restarts()
    {
        using var directory = TestDatabases.CreateDirectory();
        var storage = TestDatabases.SqliteIn(directory);
        var key = $"host-{Guid.NewGuid():N}";

        await RunSiloAsync(storage, (grains, _) => grains.GetGrain<IStorageProbeGrain>(key).Add("kept", ProbeColour.Green));
        await RunSiloAsync(storage, async (grains, services) =>
        {
            Assert.Equal(new[] { "kept" }, (await grains.GetGrain<IStorageProbeGrain>(key).Get()).Entries);
            // Grain storage, reminders and clustering each asked for the schema; it is applied once.
            Assert.Single(services.GetServices<ILifecycleParticipant<ISiloLifecycle>>().OfType<HubSchemaInitializer>());
        });
    }

    [SkippableFact]
    public async Task A_postgres_silo_joins_through_the_membership_table()
    {
        Skip.IfNot(TestDatabases.HasPostgres, TestDatabases.PostgresSkipReason);
        await using var database = await TestDatabases.CreatePostgresAsync();
        var storage = TestDatabases.PostgresIn(database);
        var key = $"host-{Guid.NewGuid():N}";

        await RunSiloAsync(storage, async (grains, _) =>
        {
            await grains.GetGrain<IStorageProbeGrain>(key).Add("kept", ProbeColour.Red);
            Assert.Equal(1, await CountAsync(storage, "SELECT COUNT(*) FROM OrleansMembershipTable WHERE Status = 3"));
        });
        await RunSiloAsync(storage, async (grains, _) =>
        {
            Assert.Equal(new[] { "kept" }, (await grains.GetGrain<IStorageProbeGrain>(key).Get()).Entries);
            Assert.Equal(1, await CountAsync(storage, "SELECT COUNT(*) FROM OrleansMembershipTable WHERE Status = 3"));
        });
    }

    private static async Task RunSiloAsync(HubStorageOptions storage, Func<IGrainFactory, IServiceProvider, Task> exercise)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            silo.UseHubStorage(storage, FreePort(), FreePort(), IPAddress.Loopback);
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = "silo-host-tests";
                options.ServiceId = HubTestClusters.ServiceId;
            });
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await exercise(host.Services.GetRequiredService<IGrainFactory>(), host.Services);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<long> CountAsync(HubStorageOptions storage, string sql)
    {
        await using var services = new ServiceCollection().AddLogging().AddHubDatabase(storage).BuildServiceProvider();
        await using var connection = await services.GetRequiredService<IHubDatabase>().OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
