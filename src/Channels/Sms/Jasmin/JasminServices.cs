using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Messages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Sms.Jasmin;

/// <summary>The Jasmin SMS gateway as the "sms" channel's provider ("Sms:Provider" = "Jasmin"), from the section "Sms:Jasmin".</summary>
public static class JasminServices
{
    /// <summary>Registers the sender, the inbox processor and the endpoints' services; returns the pacing the configuration asks for.</summary>
    public static ChannelPacing AddJasminSms(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(JasminOptions.SectionName);
        var smsBaseUrl = configuration[$"{SmsOptions.SectionName}:{nameof(SmsOptions.PublicBaseUrl)}"];
        services.AddOptions<JasminOptions>().Bind(section)
            .PostConfigure(options => options.PublicBaseUrl ??= smsBaseUrl)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<JasminOptions>, JasminOptionsValidation>();

        services.AddHttpClient(JasminSender.HttpClientName, (provider, client) =>
            client.Timeout = provider.GetRequiredService<IOptions<JasminOptions>>().Value.SendTimeout);
        services.AddSingleton<JasminSender>();
        services.AddSingleton<IChannelSender>(provider => provider.GetRequiredService<JasminSender>());
        services.AddSingleton<JasminSecret>();
        services.AddInboundProcessor<JasminInboundProcessor>(configuration);

        var settings = section.Get<JasminOptions>() ?? new JasminOptions();
        return new ChannelPacing(
            PerChatInterval: settings.PerChatInterval > TimeSpan.Zero ? settings.PerChatInterval : null,
            PerChannelPerSecond: settings.MessagesPerSecond > 0 ? settings.MessagesPerSecond : null);
    }

    /// <summary>POST (or GET) <see cref="JasminOptions.MoPath"/> for SMS-MO and <see cref="JasminOptions.DlrPath"/> for receipts.</summary>
    public static IEndpointRouteBuilder MapJasminSms(this IEndpointRouteBuilder endpoints)
    {
        JasminEndpoints.Map(endpoints);
        return endpoints;
    }

    private sealed class JasminOptionsValidation : IValidateOptions<JasminOptions>
    {
        public ValidateOptionsResult Validate(string? name, JasminOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
