using Lapor.Hub.Polls;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Storage.Polls;

public static class PollStorageServices
{
    /// <summary>The poll query table on the hub database (requires <see cref="HubServiceCollectionExtensions.AddHubDatabase"/>).</summary>
    public static IServiceCollection AddHubPollStorage(this IServiceCollection services)
    {
        services.AddSingleton<SqlPollReadModel>();
        services.AddSingleton<IPollReadModel>(sp => sp.GetRequiredService<SqlPollReadModel>());
        services.AddSingleton<IPollQueries>(sp => sp.GetRequiredService<SqlPollReadModel>());
        return services;
    }
}
