using System.Text.Json.Serialization;
using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Channels.Media;
using Lapor.Hub.Channels.Sms;
using Lapor.Hub.Channels.Telegram;
using Lapor.Hub.Channels.WebChat;
using Lapor.Hub.Channels.WhatsApp;
using Lapor.Hub.Reports;
using Lapor.Hub.Routing.Hosting;
using Lapor.Hub.Storage;
using Lapor.Hub.Storage.Reports;
using Lapor.Hub.Telemetry;
using Lapor.Hub.Web;
using Lapor.Hub.Web.Agencies;
using Lapor.Hub.Web.HangUps;
using Lapor.Hub.Web.Operators;
using Lapor.Hub.Web.Problems;
using Lapor.Hub.Web.Reports;
using Lapor.Hub.Web.Routing;
using Lapor.Hub.Silo.Operations;
using Microsoft.AspNetCore.DataProtection;
using OpenTelemetry.Metrics;
using Orleans.Configuration;

namespace Lapor.Hub.Silo.Hosting;

/// <summary>The one executable: an Orleans silo co-hosting the HTTP API.</summary>
public static class HubHost
{
    /// <summary>Request bodies larger than this are refused with 413 before they are read.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    /// <summary>The channels citizens reach the hub on. A new channel is a folder with an <see cref="IChannelAdapter"/>, added here.</summary>
    public static IReadOnlyList<IChannelAdapter> Channels() => [new WebChatChannel(), new TelegramChannel(), new WhatsAppChannel(), new SmsChannel()];

    /// <param name="replaceServices">For tests only: swaps a framework service (e.g. to observe it) after the hub's own.</param>
    /// <param name="extraChannels">For tests only: channels to run beside <see cref="Channels"/>.</param>
    public static WebApplication Build(
        string[] args, Action<IServiceCollection>? replaceServices = null, IEnumerable<IChannelAdapter>? extraChannels = null)
    {
        // Settings ship beside the binary; ./data stays relative to the folder the hub is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var configuration = builder.Configuration;
        var storage = HubStorageOptions.FromConfiguration(configuration);
        storage.Validate();

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        var kubernetes = ClusterHosting.UsesKubernetes(configuration, storage, Environment.GetEnvironmentVariable);
        builder.UseOrleans(silo =>
        {
            silo.UseHubStorage(storage,
                configuration.GetValue("Silo:SiloPort", HubSiloBuilderExtensions.DefaultSiloPort),
                configuration.GetValue("Silo:GatewayPort", HubSiloBuilderExtensions.DefaultGatewayPort),
                ClusterHosting.AdvertisedAddress(configuration, kubernetes, Environment.GetEnvironmentVariable));
            silo.Configure<ClusterOptions>(configuration.GetSection("Silo:Cluster"));
            silo.Configure<ReminderOptions>(configuration.GetSection("Silo:Reminders"));
            silo.Configure<ClusterMembershipOptions>(configuration.GetSection(HubMembership.SectionName));
            CachedGrainInterfaceTypes.ReplaceOrleansDefault(silo.Services);
            if (kubernetes)
            {
                // Last, so the pod's ORLEANS_CLUSTER_ID / ORLEANS_SERVICE_ID win over Silo:Cluster.
                silo.UseKubernetesHosting();
            }
        });

        var services = builder.Services;
        services.AddSingleton(storage);
        services.Configure<DeadlineOptions>(configuration.GetSection("Deadlines"));
        services.AddHubDomain(configuration["Calendar:HolidaysPath"], configuration["Agencies:SeedPath"]);
        services.AddHubDatabase(storage);
        services.AddHubReadModels();
        services.AddHubRouting(configuration, storage.ResolvedDataDirectory);
        services.AddHubConversations(configuration);
        services.AddMediaStore(configuration, storage.ResolvedDataDirectory);
        services.AddHostedService<OrphanMediaSweeper>();
        services.AddHubChannels(new ChannelHostContext(configuration, storage.ResolvedDataDirectory), [.. Channels(), .. extraChannels ?? []]);
        AddOperatorKey(services, configuration, storage);
        services.AddHubConsole(configuration);
        // Sign-in cookies survive restarts; a cluster points DataProtection:KeysDirectory at storage all silos share.
        services.AddDataProtection().SetApplicationName("lapor-hub").PersistKeysToFileSystem(new DirectoryInfo(
            configuration["DataProtection:KeysDirectory"] ?? Path.Combine(storage.ResolvedDataDirectory, "keys")));
        services.AddHostedService<AgencySeeder>();
        services.AddHostedService<StartupBanner>();

        services.AddProblemDetails();
        services.AddExceptionHandler<StorageOutageProblems>();
        services.AddExceptionHandler<ReportProblems>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddStrictApiJson();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(HubMetrics.MeterName, "Microsoft.Orleans")
            .AddPrometheusExporter());
        replaceServices?.Invoke(services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseClientHangUps();
        app.UseStatusCodePages();
        app.UseWhen(HubConsole.IsPageRequest, page => page.UseStatusCodePagesWithReExecute("/galat/{0}"));
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets();
        app.UseRouting();
        app.UseCors();
        app.UseHubConsole();
        app.MapReportEndpoints();
        app.MapAgencyEndpoints();
        app.MapRoutingEndpoints();
        app.MapHubChannels();
        app.MapMedia();
        app.MapHubConsole(configuration);
        app.MapHealthEndpoints();
        app.MapHubMetrics(configuration);
        return app;
    }

    /// <summary>The hub's settings (appsettings.json beside the binary, environment, command line) for its command-line tools.</summary>
    public static IConfiguration ToolConfiguration(string[] args) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args)
        .Build();

    private static void AddOperatorKey(IServiceCollection services, IConfiguration configuration, HubStorageOptions storage)
    {
        var keyFile = Path.Combine(storage.ResolvedDataDirectory, "operator-api-key");
        var key = OperatorKey.FromConfigurationOrFile(configuration["Api:OperatorKey"], keyFile, out _);
        services.AddSingleton(key);
        services.AddSingleton(new OperatorKeyLocation(
            string.IsNullOrWhiteSpace(configuration["Api:OperatorKey"]) ? $"in {keyFile}" : "from configuration (Api:OperatorKey)"));
        services.AddSingleton<RequireAdminFilter>();
    }
}
