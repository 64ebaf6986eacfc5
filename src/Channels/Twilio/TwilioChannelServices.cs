using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Messages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Twilio;

/// <summary>
/// Twilio as the provider of the "sms" and/or "whatsapp" channel. Each adapter whose provider is Twilio calls these once
/// for its channel: the account (options, API client, webhook signature, inbound processor) is shared, the sender and the
/// webhooks are the channel's own.
/// </summary>
public static class TwilioChannelServices
{
    public static IServiceCollection AddTwilioChannel(this IServiceCollection services, string channel, IConfiguration configuration)
    {
        services.AddOptions<TwilioOptions>().Bind(configuration.GetSection(TwilioOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidation>());
        services.AddSingleton(new TwilioChannel(channel));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TwilioApi>();
        services.TryAddSingleton<TwilioSignature>();
        services.TryAddSingleton<TwilioMediaFetcher>();
        services.AddInboundProcessor<TwilioInboundProcessor>(configuration);
        services.AddSingleton<IChannelSender>(provider => new TwilioSender(
            channel,
            provider.GetRequiredService<TwilioApi>(),
            provider.GetRequiredService<IGrainFactory>(),
            provider.GetRequiredService<Media.MediaGrants>(),
            provider.GetRequiredService<IOptions<TwilioOptions>>(),
            provider.GetRequiredService<IOptions<WhatsApp.WhatsAppOptions>>(),
            provider.GetRequiredService<IOptions<Sms.SmsOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<TwilioSender>>()));
        return services;
    }

    public static IEndpointRouteBuilder MapTwilioChannel(this IEndpointRouteBuilder endpoints, string channel) =>
        endpoints.MapTwilioEndpoints(channel);

    /// <summary>A channel Twilio carries in this hub; the options are checked for what each one needs.</summary>
    private sealed record TwilioChannel(string Name);

    private sealed class TwilioOptionsValidation(IEnumerable<TwilioChannel> channels) : IValidateOptions<TwilioOptions>
    {
        public ValidateOptionsResult Validate(string? name, TwilioOptions options) =>
            options.Problems(channels.Select(c => c.Name).ToHashSet()) is { Count: > 0 } problems
                ? ValidateOptionsResult.Fail(problems)
                : ValidateOptionsResult.Success;
    }
}
