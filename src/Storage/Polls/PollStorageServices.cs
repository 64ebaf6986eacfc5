using Lapor.Hub.Polls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lapor.Hub.Storage.Polls;

public static class PollStorageServices
{
    /// <summary>The poll tables on the hub database (requires <see cref="HubServiceCollectionExtensions.AddHubDatabase"/>).</summary>
    public static IServiceCollection AddHubPollStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<IPollSubscribers, SqlPollSubscribers>();
        return services;
    }
}
