using Lapor.Hub.Agencies;
using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Reports;
using Lapor.Hub.Routing;
using Lapor.Hub.Routing.Hosting;
using Lapor.Hub.Storage;
using Lapor.Hub.Storage.Reports;
using Lapor.Hub.Tests.Infrastructure;
using Lapor.Hub.Time;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Lapor.Hub.Tests.Reports;

/// <summary>
/// Silos with everything the report grains need, on the real storage, with deadline reminders that look
/// ahead at most a second so a test can move business time and see the real reminder act on it.
/// </summary>
public sealed class ReportSiloConfigurator : HubTestSiloConfigurator
{
    protected override void ConfigureSilo(ISiloBuilder siloBuilder, HubStorageOptions storage)
    {
        var time = new AdjustableTimeProvider();
        siloBuilder.Services.AddSingleton(time);
        siloBuilder.Services.AddHubDomain(clock: new HubClock(time));
        // The chat channels the fixtures file on; the hub registers them through their channel adapters.
        siloBuilder.Services.AddChannelName(ChannelNames.Telegram).AddChannelName(ChannelNames.Web);
        siloBuilder.Services.AddHubDatabase(storage);
        siloBuilder.Services.AddHubReadModels();
        siloBuilder.Services.AddSingleton<RoutingService>();
        siloBuilder.Services.AddSingleton<IRoutingSuggester>(sp => sp.GetRequiredService<RoutingService>());
        siloBuilder.Services.AddHubConversations(siloBuilder.Configuration);
        siloBuilder.Services.Configure<DeadlineOptions>(options =>
        {
            options.ReminderHorizon = TimeSpan.FromSeconds(1);
            options.ReminderRetryPeriod = TimeSpan.FromSeconds(1);
        });
    }
}

public interface IReportCluster
{
    bool IsAvailable { get; }

    HubStorageOptions Storage { get; }

    TestCluster Cluster { get; }

    void SkipIfUnavailable();

    Task RestartClusterAsync();
}

public sealed class SqliteReportCluster : SqliteHubClusterFixture, IReportCluster
{
    protected override Task<TestCluster> StartClusterAsync(HubStorageOptions storage) =>
        ReportClusters.StartAsync(storage);
}

public sealed class PostgresReportCluster : PostgresHubClusterFixture, IReportCluster
{
    protected override Task<TestCluster> StartClusterAsync(HubStorageOptions storage) =>
        ReportClusters.StartAsync(storage);
}

internal static class ReportClusters
{
    public static async Task<TestCluster> StartAsync(HubStorageOptions storage)
    {
        var cluster = await HubTestClusters.StartAsync<ReportSiloConfigurator>(storage);
        foreach (var agency in AgencyCatalog.LoadFile(AgencyCatalog.DefaultDataPath))
        {
            await cluster.GrainFactory.GetGrain<IAgencyGrain>(agency.Code).Configure(agency);
        }

        return cluster;
    }

    /// <summary>The business clock of every silo (TestCluster silos run in this process).</summary>
    public static IEnumerable<AdjustableTimeProvider> Clocks(this TestCluster cluster) =>
        cluster.Silos.OfType<InProcessSiloHandle>().Select(s => s.SiloHost.Services.GetRequiredService<AdjustableTimeProvider>());

    public static void JumpTo(this TestCluster cluster, DateTimeOffset instant)
    {
        foreach (var clock in cluster.Clocks())
        {
            clock.JumpTo(instant);
        }
    }
}
