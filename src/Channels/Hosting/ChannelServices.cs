using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Channels.Polls;
using Lapor.Hub.Polls;
using Lapor.Hub.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lapor.Hub.Channels.Hosting;

public static class ChannelServices
{
    /// <summary>
    /// The channel-neutral core: conversations receive what every channel parses, reports notify the
    /// citizen's conversation, and the outbox delivers through whichever senders the channels register.
    /// </summary>
    public static IServiceCollection AddHubConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChannelRateLimiters>();
        services.TryAddSingleton<IInboundMessageHandler, ConversationInboundHandler>();
        services.TryAddSingleton<IReportNotifier, ConversationNotifier>();
        services.Configure<PollInvitationOptions>(configuration.GetSection(PollInvitationOptions.SectionName));
        services.TryAddSingleton<IPollAnnouncer, PollInvitationAnnouncer>();
        return services;
    }
}
