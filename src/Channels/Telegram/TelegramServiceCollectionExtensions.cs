using Lapor.Hub.Channels.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Lapor.Hub.Channels.Telegram;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// The Telegram channel from the section "Telegram": its sender (an <see cref="IChannelSender"/>), the
    /// inboxes behind <see cref="TelegramEndpoints.MapTelegram"/>, and long polling when asked for. Without a bot
    /// token only the options are registered and the webhook answers 404. Needs an <see cref="IInboundMessageHandler"/>
    /// and an <see cref="IMediaStore"/> from the host, and a silo with the hub's grain storage and reminders.
    /// </summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TelegramOptions.SectionName);
        services.AddOptions<TelegramOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidation>());
        if (section.Get<TelegramOptions>() is not { IsEnabled: true } || services.Any(service => service.ServiceType == typeof(TelegramSender)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITelegramBotClient>(provider =>
            TelegramBotClients.Create(provider.GetRequiredService<IOptions<TelegramOptions>>().Value));
        services.AddSingleton<TelegramSender>();
        services.AddSingleton<IChannelSender>(provider => provider.GetRequiredService<TelegramSender>());
        services.AddSingleton<TelegramWebhookSecret>();
        services.AddSingleton<TelegramUpdateIntake>();
        services.AddSingleton<TelegramUpdateProcessor>();
        services.AddSingleton<TelegramMediaFetcher>();
        services.AddHostedService<TelegramLongPolling>();
        return services;
    }

    private sealed class TelegramOptionsValidation : IValidateOptions<TelegramOptions>
    {
        public ValidateOptionsResult Validate(string? name, TelegramOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
