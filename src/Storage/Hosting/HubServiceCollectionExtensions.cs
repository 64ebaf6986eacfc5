using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Storage;

public static class HubServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IHubDatabase"/> (singleton) on the database of <paramref name="storage"/>.</summary>
    public static IServiceCollection AddHubDatabase(this IServiceCollection services, HubStorageOptions storage)
    {
        storage.Validate();
        services.TryAddSingleton<IHubDatabase>(provider =>
            new HubDatabase(storage, provider.GetRequiredService<ILogger<HubDatabase>>()));
        return services;
    }
}
