using System.Globalization;
using Lapor.Hub.Channels.Messages;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;
using TelegramMessage = Telegram.Bot.Types.Message;

namespace Lapor.Hub.Channels.Telegram;

/// <summary>
/// Sends one message to a Telegram chat. It never retries: a 429, a 5xx or a network failure comes back as
/// <see cref="DeliveryStatus.RetryLater"/> (with Telegram's retry_after), and the outbox decides when to try again.
/// </summary>
public sealed class TelegramSender(ITelegramBotClient client, IMediaStore mediaStore, ILogger<TelegramSender> logger) : IChannelSender
{
    /// <summary>Telegram's limit on a photo or document caption.</summary>
    private const int MaxCaptionLength = 1024;

    /// <summary>sendPhoto takes photos up to 10 MB; larger images go as documents.</summary>
    private const long MaxPhotoBytes = 10L * 1024 * 1024;

    public string Channel => TelegramOptions.Channel;

    public async Task<DeliveryResult> SendAsync(ChannelAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (to.Channel != Channel || !long.TryParse(to.Id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
        {
            return TelegramFailures.Failed($"'{to}' is not a Telegram chat.");
        }

        if (TelegramKeyboards.Problem(message.Choices) is { } problem)
        {
            return TelegramFailures.Failed(problem);
        }

        try
        {
            var sent = await SendContentAsync(chatId, message, TelegramKeyboards.For(message.Choices), cancellationToken);
            return sent is null
                ? TelegramFailures.Failed("The message has neither text nor media.")
                : DeliveryResult.Delivered(sent.Id.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (TelegramFailures.IsProviderFailure(e, cancellationToken))
        {
            var result = TelegramFailures.ToDeliveryResult(e);
            logger.LogWarning("Telegram send to chat {ChatId}: {Status} {Error}", ChannelAddress.MaskId(chatId), result.Status,
                result.Error?.Replace(chatId.ToString(CultureInfo.InvariantCulture), ChannelAddress.MaskId(chatId), StringComparison.Ordinal));
            return result;
        }
    }

    private async Task<TelegramMessage?> SendContentAsync(
        long chatId, OutboundMessage message, ReplyMarkup? keyboard, CancellationToken cancellationToken)
    {
        var media = message.Media ?? [];
        var hasText = !string.IsNullOrWhiteSpace(message.Text);

        // One photo with a short text goes as one request, so a retry cannot repeat half of the message.
        if (media.Count == 1 && message.Text.Length <= MaxCaptionLength)
        {
            return await SendMediaAsync(chatId, media[0], hasText ? message.Text : null, keyboard, cancellationToken)
                ?? (hasText ? await SendTextAsync(chatId, message.Text, keyboard, cancellationToken) : null);
        }

        TelegramMessage? last = null;
        foreach (var file in media)
        {
            last = await SendMediaAsync(chatId, file, caption: null, replyMarkup: null, cancellationToken) ?? last;
        }

        return hasText ? await SendTextAsync(chatId, message.Text, keyboard, cancellationToken) : last;
    }

    private Task<TelegramMessage> SendTextAsync(long chatId, string text, ReplyMarkup? keyboard, CancellationToken cancellationToken) =>
        client.SendMessage(chatId, text, replyMarkup: keyboard, cancellationToken: cancellationToken);

    private async Task<TelegramMessage?> SendMediaAsync(
        long chatId, MediaFile file, string? caption, ReplyMarkup? replyMarkup, CancellationToken cancellationToken)
    {
        if (await mediaStore.OpenPublicAsync(file.Id, cancellationToken) is not { } opened)
        {
            logger.LogWarning("Media {MediaId} for Telegram chat {ChatId} is no longer in the store; sent without it", file.Id, ChannelAddress.MaskId(chatId));
            return null;
        }

        var (content, stored) = opened;
        await using (content)
        {
            var upload = InputFile.FromStream(content, stored.FileName ?? stored.Id);
            return IsPhoto(stored)
                ? await client.SendPhoto(chatId, upload, caption, replyMarkup: replyMarkup, cancellationToken: cancellationToken)
                : await client.SendDocument(chatId, upload, caption, replyMarkup: replyMarkup, cancellationToken: cancellationToken);
        }
    }

    private static bool IsPhoto(MediaFile file) =>
        file.ContentType is "image/jpeg" or "image/png" or "image/webp" && file.Length <= MaxPhotoBytes;
}
