using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Reports;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Channels.Hosting;

public static class ChannelRegistry
{
    /// <summary>
    /// Registers each channel: its name among those reports may be filed on (<see cref="ChannelCatalog"/>), its
    /// services and sender, and its pacing as the outbox's default for that channel.
    /// </summary>
    public static IServiceCollection AddHubChannels(
        this IServiceCollection services, ChannelHostContext context, IEnumerable<IChannelAdapter> channels)
    {
        foreach (var channel in channels)
        {
            if (services.Any(service => service.ImplementationInstance is IChannelAdapter registered && registered.Name == channel.Name))
            {
                throw new InvalidOperationException($"Channel '{channel.Name}' is registered twice.");
            }

            services.AddSingleton(channel);
            services.AddChannelName(channel.Name);
            channel.AddServices(services, context);
            services.PostConfigure<OutboxOptions>(options => ApplyPacing(options, channel.Name, channel.Pacing));
        }

        return services;
    }

    /// <summary>Maps the inbound endpoints of every channel <see cref="AddHubChannels"/> registered.</summary>
    public static IEndpointRouteBuilder MapHubChannels(this IEndpointRouteBuilder endpoints)
    {
        foreach (var channel in endpoints.ServiceProvider.GetServices<IChannelAdapter>())
        {
            channel.MapEndpoints(endpoints);
        }

        return endpoints;
    }

    // Configured values were bound before this runs and win; the channel's own pacing fills the gaps.
    private static void ApplyPacing(OutboxOptions options, string channel, ChannelPacing pacing)
    {
        if (pacing.PerChatInterval is { } interval)
        {
            options.PerChatInterval.TryAdd(channel, interval);
        }

        if (pacing.PerChannelPerSecond is { } perSecond)
        {
            options.PerChannelPerSecond.TryAdd(channel, perSecond);
        }
    }
}
