using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace Lapor.Hub.Channels.Telegram;

public static class TelegramWebhook
{
    /// <summary>The only update kinds the hub asks for.</summary>
    public static IReadOnlyList<UpdateType> AllowedUpdates { get; } = [UpdateType.Message, UpdateType.CallbackQuery];

    /// <summary>
    /// Tells Telegram to post updates to <see cref="TelegramOptions.WebhookUrl"/> with the secret token.
    /// Returns the URL registered; throws <see cref="Telegram.Bot.Exceptions.ApiRequestException"/> if Telegram refuses it.
    /// </summary>
    public static async Task<Uri> RegisterAsync(ITelegramBotClient client, TelegramOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var url = options.WebhookUrl();
        if (string.IsNullOrEmpty(options.WebhookSecret))
        {
            throw new InvalidOperationException(
                $"{TelegramOptions.SectionName}:{nameof(TelegramOptions.WebhookSecret)} is required: without it the hub refuses every update.");
        }

        await client.SetWebhook(url.AbsoluteUri, secretToken: options.WebhookSecret, allowedUpdates: AllowedUpdates,
            cancellationToken: cancellationToken);
        return url;
    }
}
