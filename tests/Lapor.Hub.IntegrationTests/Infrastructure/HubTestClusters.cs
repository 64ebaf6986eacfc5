using Lapor.Hub.Storage;
using Orleans.TestingHost;

namespace Lapor.Hub.Tests.Infrastructure;

public static class HubTestClusters
{
    /// <summary>The service id every hub test cluster shares, so a restarted cluster finds the state of the one before.</summary>
    public const string ServiceId = "lapor-hub-tests";

    /// <summary>
    /// Puts <paramref name="storage"/> and <paramref name="timing"/> into the silos' configuration and adds
    /// <typeparamref name="TConfigurator"/>, which wires them.
    /// </summary>
    public static TestClusterBuilder WithHubStorage<TConfigurator>(
        this TestClusterBuilder builder, HubStorageOptions storage, ReminderTestTiming? timing = null)
        where TConfigurator : HubTestSiloConfigurator, new()
    {
        storage.Validate();
        var section = HubStorageOptions.SectionName;
        builder.Properties[$"{section}:{nameof(HubStorageOptions.Provider)}"] = storage.Provider.ToString();
        builder.Properties[$"{section}:{nameof(HubStorageOptions.ConnectionString)}"] = storage.ConnectionString;
        builder.Properties[$"{section}:{nameof(HubStorageOptions.DataDirectory)}"] = storage.DataDirectory;
        foreach (var (key, value) in (timing ?? ReminderTestTiming.Fast).ToProperties())
        {
            builder.Properties[key] = value;
        }

        builder.Options.ServiceId = ServiceId;
        builder.AddSiloBuilderConfigurator<TConfigurator>();
        return builder;
    }

    /// <inheritdoc cref="WithHubStorage{TConfigurator}"/>
    public static TestClusterBuilder WithHubStorage(this TestClusterBuilder builder, HubStorageOptions storage, ReminderTestTiming? timing = null) =>
        builder.WithHubStorage<HubTestSiloConfigurator>(storage, timing);

    /// <summary>Builds and deploys a cluster of <paramref name="silos"/> silos on <paramref name="storage"/>.</summary>
    public static Task<TestCluster> StartAsync(
        HubStorageOptions storage, short silos = 1, ReminderTestTiming? timing = null, Action<TestClusterBuilder>? configure = null) =>
        StartAsync<HubTestSiloConfigurator>(storage, silos, timing, configure);

    /// <inheritdoc cref="StartAsync(HubStorageOptions, short, ReminderTestTiming?, Action{TestClusterBuilder}?)"/>
    public static async Task<TestCluster> StartAsync<TConfigurator>(
        HubStorageOptions storage, short silos = 1, ReminderTestTiming? timing = null, Action<TestClusterBuilder>? configure = null)
        where TConfigurator : HubTestSiloConfigurator, new()
    {
        var builder = new TestClusterBuilder(silos).WithHubStorage<TConfigurator>(storage, timing);
        builder.Options.ConfigureFileLogging = false;
        configure?.Invoke(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
