using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lapor.Hub.Channels.Inbox;

public static class InboxServices
{
    /// <summary>The shared inbox for webhook channels, plus <typeparamref name="TProcessor"/> for one provider's payloads.</summary>
    public static IServiceCollection AddInboundProcessor<TProcessor>(this IServiceCollection services, IConfiguration configuration)
        where TProcessor : class, IInboundProcessor
    {
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection(InboxOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TProcessor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInboundProcessor, TProcessor>(provider => provider.GetRequiredService<TProcessor>()));
        return services;
    }
}
