using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Reports;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Channels.Telegram;

/// <summary>
/// Telegram as a channel: the webhook (and long polling) in, <see cref="TelegramSender"/> out, paced as Telegram
/// asks: about one message a second to one chat and 30 a second in all.
/// </summary>
public sealed class TelegramChannel : IChannelAdapter
{
    public string Name => ChannelNames.Telegram;

    public ChannelPacing Pacing { get; } = new(PerChatInterval: TimeSpan.FromSeconds(1), PerChannelPerSecond: 30);

    public void AddServices(IServiceCollection services, ChannelHostContext context) => services.AddTelegram(context.Configuration);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapTelegram();
}
