using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Filing;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Routing;
using Lapor.Hub.Routing.Hosting;
using Lapor.Hub.Storage;
using Lapor.Hub.Storage.Reports;
using Lapor.Hub.Tests.Infrastructure;
using Lapor.Hub.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace Lapor.Hub.Tests.Reports;

/// <summary>The real query table, whose next write can be made to fail once, as when the database was briefly unreachable.</summary>
public sealed class OnceBreakableReadModel(IHubDatabase database) : IReportReadModel
{
    private readonly SqlReportReadModel _real = new(database);
    private int _broken;

    public void BreakNextWrite() => Volatile.Write(ref _broken, 1);

    public Task UpsertAsync(ReportIndexEntry entry, CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _broken, 0) == 1
            ? throw new InvalidOperationException("The query table is unreachable (broken by the test).")
            : _real.UpsertAsync(entry, cancellationToken);
}

/// <summary>
/// Production reminder timing (deadline reminders look a day ahead) with a one-second read-model retry, so a missed
/// retry shows as a report that never reaches the queue, not as one that arrives a day late.
/// </summary>
public sealed class ReadModelRetrySiloConfigurator : HubTestSiloConfigurator
{
    protected override void ConfigureSilo(ISiloBuilder siloBuilder, HubStorageOptions storage)
    {
        siloBuilder.Services.AddHubDomain(clock: HubClock.System);
        // The chat channels the fixtures file on; the hub registers them through their channel adapters.
        siloBuilder.Services.AddChannelName(ChannelNames.Telegram).AddChannelName(ChannelNames.Web);
        siloBuilder.Services.AddHubDatabase(storage);
        siloBuilder.Services.AddHubReadModels();
        siloBuilder.Services.AddSingleton<OnceBreakableReadModel>();
        siloBuilder.Services.AddSingleton<IReportReadModel>(sp => sp.GetRequiredService<OnceBreakableReadModel>());
        siloBuilder.Services.AddSingleton<RoutingService>();
        siloBuilder.Services.AddSingleton<IRoutingSuggester>(sp => sp.GetRequiredService<RoutingService>());
        siloBuilder.Services.AddHubConversations(siloBuilder.Configuration);
        siloBuilder.Services.Configure<DeadlineOptions>(options =>
        {
            options.ReminderHorizon = TimeSpan.FromDays(1);
            options.ReminderRetryPeriod = TimeSpan.FromSeconds(1);
        });
    }
}

public sealed class ReadModelRetryCluster : SqliteHubClusterFixture
{
    protected override Task<TestCluster> StartClusterAsync(HubStorageOptions storage) =>
        HubTestClusters.StartAsync<ReadModelRetrySiloConfigurator>(storage);
}

public sealed class ReadModelRetryTests(ReadModelRetryCluster fixture) : IClassFixture<ReadModelRetryCluster>
{
    /// <summary>Far more than the one-second retry; without the retry the report would wait for its deadline reminder, a day away.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_report_whose_queue_row_failed_to_write_reaches_the_queue_at_the_next_retry()
    {
        foreach (var silo in fixture.Cluster.Silos.OfType<InProcessSiloHandle>())
        {
            silo.SiloHost.Services.GetRequiredService<OnceBreakableReadModel>().BreakNextWrite();
        }

        var filed = await fixture.GrainFactory.GetGrain<IReportFilingGrain>("telegram:tg:42:" + Guid.NewGuid()).File(ReportFixtures.Submission());
        var id = filed.Report.TrackingId;
        Assert.Contains("deadline-verification", await fixture.GrainFactory.GetGrain<IReportGrain>(id).GetScheduledReminders());

        var queue = new SqlReportReadModel(new HubDatabase(fixture.Storage, NullLogger<HubDatabase>.Instance));
        var deadline = DateTime.UtcNow + Patience;
        ReportIndexEntry? row;
        while ((row = await QueueRowAsync(queue, id)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Report {id} did not reach the queue within {Patience.TotalSeconds} s");
            await Task.Delay(200);
        }

        Assert.Equal(filed.Report.Version, row.Version);
    }

    private static async Task<ReportIndexEntry?> QueueRowAsync(SqlReportReadModel queue, string trackingId)
    {
        var page = await queue.ListAsync(new ReportListQuery(PublishedOnly: false, PageSize: ReportListQuery.MaxPageSize));
        return page.Items.SingleOrDefault(e => e.TrackingId == trackingId);
    }
}
