using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Channels.Twilio;
using Lapor.Hub.Channels.WhatsApp.Cloud;
using Lapor.Hub.Reports;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Channels.WhatsApp;

/// <summary>
/// WhatsApp as a channel, carried by Twilio or by Meta's WhatsApp Cloud API ("WhatsApp:Provider"). The address is the
/// citizen's phone number, so WhatsApp and SMS from one phone are one citizen. Paced as each provider asks: Twilio about
/// 10 messages a second per sender, Meta 80 a second per business number.
/// </summary>
public sealed class WhatsAppChannel : IChannelAdapter
{
    private string? _provider;

    public string Name => ChannelNames.WhatsApp;

    public ChannelPacing Pacing => _provider switch
    {
        WhatsAppOptions.TwilioProvider => new ChannelPacing(PerChatInterval: TimeSpan.FromMilliseconds(500), PerChannelPerSecond: 10),
        WhatsAppOptions.CloudProvider => new ChannelPacing(PerChatInterval: TimeSpan.FromMilliseconds(500), PerChannelPerSecond: 80),
        _ => ChannelPacing.Unlimited,
    };

    public void AddServices(IServiceCollection services, ChannelHostContext context)
    {
        services.AddOptions<WhatsAppOptions>().Bind(context.Configuration.GetSection(WhatsAppOptions.SectionName));
        _provider = context.Configuration.GetSection(WhatsAppOptions.SectionName).Get<WhatsAppOptions>()?.Provider;
        switch (_provider)
        {
            case WhatsAppOptions.TwilioProvider:
                services.AddTwilioChannel(Name, context.Configuration);
                break;
            case WhatsAppOptions.CloudProvider:
                services.AddWhatsAppCloud(context.Configuration);
                break;
            case null or "":
                break;
            default:
                throw new InvalidOperationException($"WhatsApp:Provider '{_provider}' is not one of {WhatsAppOptions.TwilioProvider}, {WhatsAppOptions.CloudProvider}.");
        }
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        switch (_provider)
        {
            case WhatsAppOptions.TwilioProvider:
                endpoints.MapTwilioChannel(Name);
                break;
            case WhatsAppOptions.CloudProvider:
                endpoints.MapWhatsAppCloud();
                break;
        }
    }
}
