using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lapor.Hub.Routing.Hosting;

public static class RoutingServices
{
    /// <summary>The routing model in service, its store, retraining and the start-up that loads or trains the first model.</summary>
    public static IServiceCollection AddHubRouting(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.Configure<RoutingOptions>(configuration.GetSection(RoutingOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RoutingService>();
        services.AddSingleton<IRoutingSuggester>(sp => sp.GetRequiredService<RoutingService>());
        services.AddSingleton(sp => new RoutingModelStore(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RoutingOptions>>().Value.ModelDirectory
            ?? Path.Combine(dataDirectory, "routing-models")));
        services.AddSingleton<RoutingRetrainer>();
        services.AddSingleton<RetrainRequests>();
        services.AddHostedService<RoutingStartup>();
        return services;
    }
}
