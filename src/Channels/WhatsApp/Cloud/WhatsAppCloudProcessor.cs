using System.Globalization;
using System.Text.Json;
using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Media;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Reports;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Channels.WhatsApp.Cloud;

/// <summary>
/// Reads one stored Cloud API message: notes the citizen's 24-hour window, fetches a photo or document into the media
/// store, and hands text, a tapped button or list row (its id as the choice), a location pin or the file to the
/// conversation. Kinds the hub cannot read (voice notes, stickers…) get a polite answer. Throws to be tried again later.
/// </summary>
internal sealed class WhatsAppCloudProcessor(
    WhatsAppCloudApi api,
    IMediaStore mediaStore,
    IInboundMessageHandler handler,
    IGrainFactory grains,
    ILogger<WhatsAppCloudProcessor> logger) : IInboundProcessor
{
    public const string ProviderName = "whatsapp-cloud";

    public string Provider => ProviderName;

    public async Task ProcessAsync(ChannelAddress from, PendingInbound pending, CancellationToken cancellationToken)
    {
        var stored = JsonSerializer.Deserialize<StoredCloudMessage>(pending.Envelope.Body, CloudJson.Options)
            ?? throw new InvalidDataException($"WhatsApp message {pending.Envelope.MessageId} is empty.");
        var sent = stored.Message.Deserialize<CloudMessage>(CloudJson.Options)
            ?? throw new InvalidDataException($"WhatsApp message {pending.Envelope.MessageId} is empty.");
        var sentAt = SentAt(sent, pending.Envelope.ReceivedAt);
        await grains.GetWhatsAppWindow(from).NoteInbound(sentAt);

        if (sent.Type is "reaction")
        {
            return; // an emoji on one of the hub's messages: nothing to answer
        }

        var message = new InboundMessage(from, pending.Envelope.MessageId, pending.Envelope.ReceivedAt, SenderName: stored.ProfileName);
        message = sent.Type switch
        {
            "text" => message with { Text = sent.Text?.Body },
            "interactive" => message with { ChoiceValue = sent.Interactive?.ButtonReply?.Id ?? sent.Interactive?.ListReply?.Id },
            "button" => message with { Text = sent.Button?.Text ?? sent.Button?.Payload },
            "location" when sent.Location is { Latitude: { } latitude, Longitude: { } longitude } =>
                message with { Location = new GeoPoint(latitude, longitude) },
            "image" when sent.Image is { Id: { Length: > 0 } } image => await WithMediaAsync(message, image, cancellationToken),
            "document" when sent.Document is { Id: { Length: > 0 } } document => await WithDocumentAsync(message, document, cancellationToken),
            _ => null,
        };

        if (message is null)
        {
            logger.LogInformation("WhatsApp message {MessageId} of type {Type} from {Address} cannot be read by the hub; answered politely",
                pending.Envelope.MessageId, sent.Type, from.Masked);
            await TellAsync(from, "WhatsAppUnsupportedMessage", pending.Envelope.MessageId);
            return;
        }

        if (message is { Text: null or "", ChoiceValue: null or "", Location: null, Media: null or [] })
        {
            logger.LogInformation("WhatsApp message {MessageId} from {Address} carries nothing to hand on; ignored", pending.Envelope.MessageId, from.Masked);
            return;
        }

        await handler.HandleAsync(message, cancellationToken);
        logger.LogInformation("WhatsApp message {MessageId} from {Address} handed to the conversation", pending.Envelope.MessageId, from.Masked);
    }

    private async Task<InboundMessage?> WithDocumentAsync(InboundMessage message, CloudMedia document, CancellationToken cancellationToken)
    {
        if (document.MimeType is not { } type
            || !(type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || type.Equals(MediaTypes.Pdf, StringComparison.OrdinalIgnoreCase)))
        {
            await TellAsync(message.From, "WhatsAppUnsupportedDocument", message.MessageId);
            return message with { Text = document.Caption };
        }

        return await WithMediaAsync(message, document, cancellationToken);
    }

    private async Task<InboundMessage> WithMediaAsync(InboundMessage message, CloudMedia media, CancellationToken cancellationToken)
    {
        var withCaption = message with { Text = media.Caption };
        var temporary = Path.Combine(Path.GetTempPath(), $"lapor-whatsapp-{Guid.NewGuid():N}");
        await using var download = new FileStream(
            temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var info = await api.DownloadMediaAsync(media.Id!, download, cancellationToken);
        if (info is null)
        {
            logger.LogWarning("Media {MediaId} from {Address} is gone or too large; not kept", media.Id, message.From.Masked);
            await TellAsync(message.From, "WhatsAppFileUnavailable", message.MessageId);
            return withCaption;
        }

        download.Position = 0;
        try
        {
            var file = await mediaStore.SaveAsync(download, media.MimeType ?? info.MimeType ?? "application/octet-stream", media.Filename, cancellationToken);
            return withCaption with { Media = [file] };
        }
        catch (MediaRejectedException rejected)
        {
            logger.LogInformation("Media from {Address} refused: {Reason}", message.From.Masked, rejected.Message);
            await grains.GetOutbox(message.From).Enqueue($"whatsapp-media-refused:{message.MessageId}", new OutboundMessage(rejected.Message), about: null);
            return withCaption;
        }
    }

    /// <summary>Through the outbox, keyed by the message, so a retried message is answered once.</summary>
    private Task TellAsync(ChannelAddress to, string textKey, string messageId) =>
        grains.GetOutbox(to).Enqueue($"whatsapp-notice:{textKey}:{messageId}", new OutboundMessage(DialogTexts.Get(DialogTexts.Indonesian, textKey)), about: null);

    private static DateTimeOffset SentAt(CloudMessage message, DateTimeOffset receivedAt) =>
        long.TryParse(message.Timestamp?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : receivedAt;
}
