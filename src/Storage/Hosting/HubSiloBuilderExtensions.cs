using System.Data.Common;
using System.Net;
using Lapor.Hub.Storage.Sqlite.Writer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime;

namespace Lapor.Hub.Storage;

/// <summary>Wires the hub's database into an Orleans silo. Each method also applies the schema at silo start.</summary>
public static class HubSiloBuilderExtensions
{
    /// <summary>Default silo-to-silo port.</summary>
    public const int DefaultSiloPort = EndpointOptions.DEFAULT_SILO_PORT;

    /// <summary>Default client gateway port.</summary>
    public const int DefaultGatewayPort = EndpointOptions.DEFAULT_GATEWAY_PORT;

    /// <summary>Grain storage, reminders and clustering, all on the database of <paramref name="storage"/>.</summary>
    public static ISiloBuilder UseHubStorage(
        this ISiloBuilder silo, HubStorageOptions storage,
        int siloPort = DefaultSiloPort, int gatewayPort = DefaultGatewayPort, IPAddress? advertisedAddress = null) =>
        silo.AddHubGrainStorage(storage)
            .AddHubReminders(storage)
            .AddHubClustering(storage, siloPort, gatewayPort, advertisedAddress);

    /// <summary>
    /// ADO.NET grain storage named <see cref="HubStorage.GrainStorageName"/>, also registered as the default storage,
    /// with state written as JSON by <see cref="HubGrainStateSerializer"/>.
    /// </summary>
    public static ISiloBuilder AddHubGrainStorage(this ISiloBuilder silo, HubStorageOptions storage)
    {
        PrepareSchema(silo, storage);
        void Configure(AdoNetGrainStorageOptions options)
        {
            options.Invariant = HubStorage.InvariantFor(storage.Provider);
            (options.ConnectionString, options.DataSource) = ConnectionFor(storage);
            options.GrainStorageSerializer = new HubGrainStateSerializer();
        }

        return silo
            .AddAdoNetGrainStorage(HubStorage.GrainStorageName, Configure)
            .AddAdoNetGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, Configure);
    }

    /// <summary>ADO.NET reminders on the database of <paramref name="storage"/>.</summary>
    public static ISiloBuilder AddHubReminders(this ISiloBuilder silo, HubStorageOptions storage)
    {
        PrepareSchema(silo, storage);
        return silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = HubStorage.InvariantFor(storage.Provider);
            (options.ConnectionString, options.DataSource) = ConnectionFor(storage);
        });
    }

    /// <summary>
    /// SQLite: one silo on localhost. PostgreSQL: ADO.NET membership with <see cref="HubMembership"/>'s failure
    /// detection, silos listening on every address and advertising <paramref name="advertisedAddress"/> (default: this host's address).
    /// </summary>
    public static ISiloBuilder AddHubClustering(
        this ISiloBuilder silo, HubStorageOptions storage,
        int siloPort = DefaultSiloPort, int gatewayPort = DefaultGatewayPort, IPAddress? advertisedAddress = null)
    {
        PrepareSchema(silo, storage);
        if (storage.Provider == HubStorageProvider.Sqlite)
        {
            return silo.UseLocalhostClustering(siloPort, gatewayPort);
        }

        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = HubStorage.PostgreSqlInvariant;
            options.ConnectionString = HubConnectionStrings.For(storage);
        });
        silo.Configure<ClusterMembershipOptions>(HubMembership.ApplyDefaults);
        return advertisedAddress is null
            ? silo.ConfigureEndpoints(siloPort, gatewayPort, listenOnAnyHostAddress: true)
            : silo.ConfigureEndpoints(advertisedAddress, siloPort, gatewayPort, listenOnAnyHostAddress: true);
    }

    // SQLite: a data source whose connections send every write to the file's one writer (ADR 32). PostgreSQL: the
    // connection string of the node's one bounded pool (ADR 28).
    private static (string? ConnectionString, DbDataSource? DataSource) ConnectionFor(HubStorageOptions storage) =>
        storage.Provider == HubStorageProvider.Sqlite
            ? (null, HubSqliteDataSource.For(HubConnectionStrings.For(storage)))
            : (HubConnectionStrings.For(storage), null);

    // The connection string is decided when Orleans first reads its options (at start), not here: on PostgreSQL it asks
    // the database for its connection limits.
    private static void PrepareSchema(ISiloBuilder silo, HubStorageOptions storage)
    {
        storage.Validate();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, HubSchemaInitializer>(
            services => new HubSchemaInitializer(storage, services.GetRequiredService<ILogger<HubSchemaInitializer>>())));
    }
}
