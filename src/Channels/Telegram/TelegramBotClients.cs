using Telegram.Bot;

namespace Lapor.Hub.Channels.Telegram;

internal static class TelegramBotClients
{
    /// <summary>
    /// A client for <paramref name="options"/>' bot and Bot API server. Its own 429 retries are off: the outbox
    /// owns retries, and a sender that slept inside a send would hide retry_after from it.
    /// </summary>
    public static TelegramBotClient Create(TelegramOptions options)
    {
        if (!options.IsEnabled)
        {
            throw new InvalidOperationException($"Telegram is not configured: set {TelegramOptions.SectionName}:{nameof(TelegramOptions.BotToken)}.");
        }

        // Telegram.Bot appends "/bot<token>/<method>" as is: a base URL ending in "/" would make every call a 404.
        return new TelegramBotClient(new TelegramBotClientOptions(options.BotToken!, options.ApiBaseUrl?.TrimEnd('/')) { RetryThreshold = 0 });
    }
}
