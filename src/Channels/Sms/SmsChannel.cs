using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Channels.Sms.Jasmin;
using Lapor.Hub.Channels.Twilio;
using Lapor.Hub.Reports;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Channels.Sms;

/// <summary>
/// SMS as a channel, to a short code such as 1708 or a long number, carried by Twilio or by an SMS gateway (Jasmin)
/// ("Sms:Provider"). The address is the citizen's phone number. A message that is not a keyword files a report at once.
/// </summary>
public sealed class SmsChannel : IChannelAdapter
{
    private string? _provider;
    private ChannelPacing _pacing = ChannelPacing.Unlimited;

    public string Name => ChannelNames.Sms;

    public ChannelPacing Pacing => _pacing;

    public void AddServices(IServiceCollection services, ChannelHostContext context)
    {
        services.AddOptions<SmsOptions>().Bind(context.Configuration.GetSection(SmsOptions.SectionName));
        _provider = context.Configuration.GetSection(SmsOptions.SectionName).Get<SmsOptions>()?.Provider;
        switch (_provider)
        {
            case SmsOptions.TwilioProvider:
                services.AddTwilioChannel(Name, context.Configuration);
                _pacing = new ChannelPacing(PerChatInterval: TimeSpan.FromSeconds(1), PerChannelPerSecond: 10);
                break;
            case SmsOptions.JasminProvider:
                _pacing = services.AddJasminSms(context.Configuration);
                break;
            case null or "":
                break;
            default:
                throw new InvalidOperationException($"Sms:Provider '{_provider}' is not one of {SmsOptions.TwilioProvider}, {SmsOptions.JasminProvider}.");
        }
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        switch (_provider)
        {
            case SmsOptions.TwilioProvider:
                endpoints.MapTwilioChannel(Name);
                break;
            case SmsOptions.JasminProvider:
                endpoints.MapJasminSms();
                break;
        }
    }
}
