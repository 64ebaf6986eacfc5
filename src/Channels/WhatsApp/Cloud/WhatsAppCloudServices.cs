using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Messages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.WhatsApp.Cloud;

/// <summary>The WhatsApp Cloud API (Meta) as the carrier of channel "whatsapp" (WhatsApp:Provider = Cloud).</summary>
public static class WhatsAppCloudServices
{
    /// <summary>
    /// Options from "WhatsApp:Cloud" (checked on start), the Graph API client, the sender and the inbound processor behind
    /// <see cref="MapWhatsAppCloud"/>. Needs the hub's media store, grain storage and reminders.
    /// </summary>
    public static IServiceCollection AddWhatsAppCloud(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WhatsAppCloudOptions>().Bind(configuration.GetSection(WhatsAppCloudOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WhatsAppCloudOptions>, WhatsAppCloudOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WhatsAppCloudApi.HttpClientName, (provider, client) =>
            client.Timeout = provider.GetRequiredService<IOptions<WhatsAppCloudOptions>>().Value.RequestTimeout);
        services.TryAddSingleton<WhatsAppCloudApi>();
        services.TryAddSingleton<WhatsAppCloudSender>();
        services.AddSingleton<IChannelSender>(provider => provider.GetRequiredService<WhatsAppCloudSender>());
        services.AddInboundProcessor<WhatsAppCloudProcessor>(configuration);
        return services;
    }

    /// <summary>GET and POST <see cref="WhatsAppCloudOptions.WebhookPath"/>: the address to give Meta as the app's webhook callback URL.</summary>
    public static IEndpointRouteBuilder MapWhatsAppCloud(this IEndpointRouteBuilder endpoints)
    {
        WhatsAppCloudWebhook.Map(endpoints);
        return endpoints;
    }

    private sealed class WhatsAppCloudOptionsValidation : IValidateOptions<WhatsAppCloudOptions>
    {
        public ValidateOptionsResult Validate(string? name, WhatsAppCloudOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
