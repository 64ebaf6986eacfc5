using Lapor.Hub.Storage;
using Orleans.TestingHost;

namespace Lapor.Hub.Tests.Infrastructure;

/// <summary>
/// Wires hub grain storage and reminders into every test silo, from the <c>Storage</c> and reminder-timing
/// properties that <see cref="HubTestClusters.WithHubStorage"/> puts into the cluster configuration.
/// TestCluster brings its own clustering, so clustering is not wired. Derive to add services; configurators
/// must have a parameterless constructor, so pass values through <c>TestClusterBuilder.Properties</c>.
/// </summary>
public class HubTestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var storage = HubStorageOptions.FromConfiguration(siloBuilder.Configuration);
        var timing = ReminderTestTiming.FromConfiguration(siloBuilder.Configuration);
        siloBuilder.AddHubGrainStorage(storage).AddHubReminders(storage);
        siloBuilder.Configure<ReminderOptions>(options =>
        {
            options.MinimumReminderPeriod = timing.MinimumReminderPeriod;
            options.RefreshReminderListPeriod = timing.RefreshReminderListPeriod;
        });
        ConfigureSilo(siloBuilder, storage);
    }

    /// <summary>Called after storage and reminders are wired.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder siloBuilder, HubStorageOptions storage)
    {
    }
}
