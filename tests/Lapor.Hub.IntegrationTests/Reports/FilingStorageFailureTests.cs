using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Filing;
using Lapor.Hub.Routing;
using Lapor.Hub.Routing.Hosting;
using Lapor.Hub.Storage;
using Lapor.Hub.Storage.Reports;
using Lapor.Hub.Tests.Infrastructure;
using Lapor.Hub.Time;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Lapor.Hub.Tests.Reports;

/// <summary>The hub's real grain storage, whose next write of one kind of state can be made to fail once.</summary>
public sealed class OnceBreakableGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private string? _brokenState;

    public void BreakNextWriteOf(string stateName)
    {
        lock (this)
        {
            _brokenState = stateName;
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (this)
        {
            if (_brokenState == stateName)
            {
                _brokenState = null;
                throw new InvalidOperationException($"Grain storage unreachable writing '{stateName}' (broken by the test).");
            }
        }

        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}

public sealed class BreakableStorageSiloConfigurator : HubTestSiloConfigurator
{
    protected override void ConfigureSilo(ISiloBuilder siloBuilder, HubStorageOptions storage)
    {
        var services = siloBuilder.Services;
        services.AddHubDomain(clock: HubClock.System);
        services.AddChannelName(ChannelNames.Telegram);
        services.AddHubDatabase(storage);
        services.AddHubReadModels();
        services.AddSingleton<RoutingService>();
        services.AddSingleton<IRoutingSuggester>(sp => sp.GetRequiredService<RoutingService>());
        services.AddHubConversations(siloBuilder.Configuration);

        // Wrap the hub's named ADO.NET storage; its lifecycle registration casts the keyed storage, so the wrapper forwards that too.
        var real = services.Single(d => d.IsKeyedService && Equals(d.ServiceKey, GrainStorage.Name) && d.ServiceType == typeof(IGrainStorage));
        services.Remove(real);
        services.AddKeyedSingleton<IGrainStorage>(GrainStorage.Name, (provider, key) =>
            new OnceBreakableGrainStorage((IGrainStorage)real.KeyedImplementationFactory!(provider, key)));
    }
}

public sealed class BreakableStorageCluster : SqliteHubClusterFixture
{
    protected override Task<TestCluster> StartClusterAsync(HubStorageOptions storage) =>
        HubTestClusters.StartAsync<BreakableStorageSiloConfigurator>(storage);
}

public sealed class FilingStorageFailureTests(BreakableStorageCluster fixture) : IClassFixture<BreakableStorageCluster>
{
    [Fact]
    public async Task A_filing_whose_key_could_not_be_stored_files_one_report_however_often_it_is_retried_and_restarted()
    {
        var storage = fixture.Cluster.Silos.OfType<InProcessSiloHandle>().Single()
            .SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);
        var filing = fixture.GrainFactory.GetGrain<IReportFilingGrain>("telegram:tg:42:" + Guid.NewGuid());
        ((OnceBreakableGrainStorage)storage).BreakNextWriteOf("filing");

        await Assert.ThrowsAnyAsync<Exception>(() => filing.File(ReportFixtures.Submission()));
        var retried = await filing.File(ReportFixtures.Submission());
        // As after a restart: the filing grain is read back from storage.
        await fixture.GrainFactory.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var afterRestart = await filing.File(ReportFixtures.Submission());

        Assert.Equal(retried.Report.TrackingId, afterRestart.Report.TrackingId);
    }
}
