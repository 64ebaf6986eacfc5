using System.Globalization;
using System.Text.Json;
using Lapor.Hub.Channels.Citizens;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Channels.Telegram.Inbox;
using Lapor.Hub.Reports;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using TelegramMessage = Telegram.Bot.Types.Message;

namespace Lapor.Hub.Channels.Telegram;

/// <summary>
/// Turns one accepted update into an <see cref="InboundMessage"/> (fetching and storing its photo or document)
/// and hands it to the conversation. Throws when the update should be tried again later.
/// </summary>
internal sealed class TelegramUpdateProcessor(
    ITelegramBotClient client,
    TelegramMediaFetcher media,
    IInboundMessageHandler handler,
    IGrainFactory grains,
    ILogger<TelegramUpdateProcessor> logger)
{
    private const string PhotoContentType = "image/jpeg";

    public async Task ProcessAsync(string chatId, PendingUpdate pending, CancellationToken cancellationToken)
    {
        var update = JsonSerializer.Deserialize<Update>(pending.Json, JsonBotAPI.Options)
            ?? throw new InvalidDataException($"Telegram update {pending.UpdateId} is empty.");
        var from = new ChannelAddress(TelegramOptions.Channel, chatId);
        var message = update switch
        {
            { CallbackQuery: { } query } => await FromCallbackQueryAsync(query, from, pending, cancellationToken),
            { Message: { } sent } => await FromMessageAsync(sent, from, pending, cancellationToken),
            _ => null,
        };

        if (message is null)
        {
            logger.LogDebug("Telegram update {UpdateId} of chat {ChatId} carries nothing the hub understands; ignored", pending.UpdateId, ChannelAddress.MaskId(chatId));
            return;
        }

        await handler.HandleAsync(message, cancellationToken);
        logger.LogInformation("Telegram update {UpdateId} of chat {ChatId} handed to the conversation", pending.UpdateId, ChannelAddress.MaskId(chatId));
    }

    private async Task<InboundMessage> FromCallbackQueryAsync(
        CallbackQuery query, ChannelAddress from, PendingUpdate pending, CancellationToken cancellationToken)
    {
        // Answered before the conversation runs, so the button stops spinning even if the dialog then fails.
        if (pending.Attempts == 0)
        {
            await AnswerQuietlyAsync(query, cancellationToken);
        }

        return NewMessage(from, pending, query.From) with { ChoiceValue = query.Data };
    }

    private async Task<InboundMessage?> FromMessageAsync(
        TelegramMessage sent, ChannelAddress from, PendingUpdate pending, CancellationToken cancellationToken)
    {
        var language = sent.From?.LanguageCode;
        var attachment = await FetchAttachmentAsync(sent, from, pending.UpdateId, language, cancellationToken);
        var message = NewMessage(from, pending, sent.From) with
        {
            Text = sent.Text ?? sent.Caption,
            Location = sent.Location is { } location ? new GeoPoint(location.Latitude, location.Longitude) : null,
            Media = attachment is null ? null : [attachment],
            Contact = sent.Contact is { } contact ? SharedContactOf(contact, sent) : null,
        };

        return message is { Text: null, Location: null, Media: null, Contact: null } ? null : message;
    }

    /// <summary>
    /// A contact card proves a number only when it is the sender's own: Telegram sets its user_id to the sender's id
    /// when the sender shares their own contact (the request_contact button, or their own card). Anyone else's card,
    /// or one without user_id, verifies nothing; nor does any card in a group, whose chat is not one person's.
    /// </summary>
    private SharedContact SharedContactOf(Contact contact, TelegramMessage sent)
    {
        var sender = sent.From;
        if (sender is not null && contact.UserId == sender.Id && sent.Chat.Type == ChatType.Private && sent.Chat.Id == sender.Id
            && PhoneNumber.TryNormalize(contact.PhoneNumber, out var digits))
        {
            return new SharedContact(digits);
        }

        logger.LogInformation("Telegram user {UserId} shared a contact that is not their own; not verified",
            sender is null ? "unknown" : ChannelAddress.MaskId(sender.Id));
        return new SharedContact(VerifiedPhone: null);
    }

    private async Task<MediaFile?> FetchAttachmentAsync(
        TelegramMessage sent, ChannelAddress from, long updateId, string? language, CancellationToken cancellationToken)
    {
        if (sent.Photo is { Length: > 0 } sizes)
        {
            // Telegram offers each photo in several sizes; the largest is the original.
            var largest = sizes.MaxBy(size => ((long)size.Width * size.Height, size.FileSize ?? 0))!;
            return await FetchAsync(largest, PhotoContentType, fileName: null, from, updateId, language, cancellationToken);
        }

        if (sent.Document is not { } document)
        {
            return null;
        }

        if (!IsAcceptedDocument(document.MimeType))
        {
            await TellAsync(from, updateId, TelegramNotices.UnsupportedDocument(language));
            return null;
        }

        return await FetchAsync(document, document.MimeType!, document.FileName, from, updateId, language, cancellationToken);
    }

    private async Task<MediaFile?> FetchAsync(
        FileBase file, string contentType, string? fileName, ChannelAddress from, long updateId, string? language, CancellationToken cancellationToken)
    {
        if (file.FileSize > TelegramMediaFetcher.MaxDownloadBytes)
        {
            await TellAsync(from, updateId, TelegramNotices.FileTooLarge(language));
            return null;
        }

        try
        {
            return await media.FetchAsync(file.FileId, contentType, fileName, cancellationToken);
        }
        catch (MediaRejectedException rejected)
        {
            logger.LogInformation("Media from Telegram chat {ChatId} refused: {Reason}", ChannelAddress.MaskId(from.Id), rejected.Message);
            await TellAsync(from, updateId, rejected.Message);
        }
        catch (ApiRequestException refused) when (refused.ErrorCode == 400)
        {
            logger.LogWarning("Telegram refused file {FileId} of chat {ChatId}: {Reason}", file.FileId, ChannelAddress.MaskId(from.Id), refused.Message);
            await TellAsync(from, updateId, TelegramNotices.FileUnavailable(language));
        }

        return null;
    }

    // Through the outbox, keyed by the update: an update handled again after a crash tells the citizen once.
    private Task TellAsync(ChannelAddress to, long updateId, string text) =>
        grains.GetOutbox(to).Enqueue($"telegram-notice:{updateId.ToString(CultureInfo.InvariantCulture)}", new OutboundMessage(text), about: null);

    private async Task AnswerQuietlyAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        try
        {
            await client.AnswerCallbackQuery(query.Id, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (TelegramFailures.IsProviderFailure(e, cancellationToken))
        {
            logger.LogWarning(e, "Could not answer Telegram callback query {CallbackQueryId}", query.Id);
        }
    }

    private static InboundMessage NewMessage(ChannelAddress from, PendingUpdate pending, User? user) => new(
        from,
        pending.UpdateId.ToString(CultureInfo.InvariantCulture),
        pending.ReceivedAt,
        SenderName: NameOf(user),
        LanguageCode: user?.LanguageCode);

    private static string? NameOf(User? user) => user switch
    {
        null => null,
        { LastName: { Length: > 0 } last } => $"{user.FirstName} {last}",
        { FirstName: { Length: > 0 } first } => first,
        _ => user.Username,
    };

    private static bool IsAcceptedDocument(string? mimeType) =>
        mimeType is not null
        && (mimeType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            || mimeType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase));
}
