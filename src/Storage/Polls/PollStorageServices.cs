using Lapor.Hub.Polls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lapor.Hub.Storage.Polls;

public static class PollStorageServices
{
    /// <summary>The poll query table and the opt-in register on the hub database (requires <see cref="HubServiceCollectionExtensions.AddHubDatabase"/>).</summary>
    public static IServiceCollection AddHubPollStorage(this IServiceCollection services)
    {
        services.AddSingleton<SqlPollReadModel>();
        services.AddSingleton<IPollReadModel>(sp => sp.GetRequiredService<SqlPollReadModel>());
        services.AddSingleton<IPollQueries>(sp => sp.GetRequiredService<SqlPollReadModel>());
        services.TryAddSingleton<IPollSubscribers, SqlPollSubscribers>();
        return services;
    }
}
