using Lapor.Hub.Accounts;
using Lapor.Hub.Audit;
using Lapor.Hub.Storage.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lapor.Hub.Storage.Accounts;

public static class AccountStorageServices
{
    /// <summary>
    /// The console accounts and the secret-access log on the hub database (requires
    /// <see cref="HubServiceCollectionExtensions.AddHubDatabase"/>). Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddHubAccountStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<IAccountStore, SqlAccountStore>();
        services.TryAddSingleton<ISecretAccessLog, SqlSecretAccessLog>();
        return services;
    }
}
