using System.Globalization;
using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Channels.WhatsApp;
using Lapor.Hub.Reports;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Channels.Twilio;

/// <summary>
/// Reads a Twilio message the inbox accepted (the webhook's form, SMS or WhatsApp): its text, its media (fetched into the
/// media store), a WhatsApp location pin and the sender's profile name, and hands it to the conversation. A WhatsApp
/// message also opens the 24-hour window. Throws when it should be tried again (Twilio's media not reachable).
/// </summary>
public sealed class TwilioInboundProcessor(
    IGrainFactory grains,
    TwilioMediaFetcher media,
    IInboundMessageHandler handler,
    ILogger<TwilioInboundProcessor> logger) : IInboundProcessor
{
    /// <summary>Twilio passes at most 10 media per message.</summary>
    private const int MaxMedia = 10;

    public string Provider => TwilioOptions.ProviderName;

    public async Task ProcessAsync(ChannelAddress from, PendingInbound pending, CancellationToken cancellationToken)
    {
        var envelope = pending.Envelope;
        var form = TwilioForm.Parse(envelope.Body);
        if (from.Channel == ChannelNames.WhatsApp)
        {
            await grains.GetWhatsAppWindow(from).NoteInbound(envelope.ReceivedAt);
        }

        var files = await FetchMediaAsync(from, envelope.MessageId, form, cancellationToken);
        var message = new InboundMessage(from, envelope.MessageId, envelope.ReceivedAt)
        {
            Text = string.IsNullOrWhiteSpace(form["Body"]) ? null : form["Body"]!.Trim(),
            ChoiceValue = form["ButtonPayload"],
            Location = LocationIn(form),
            Media = files.Count == 0 ? null : files,
            SenderName = form["ProfileName"],
        };

        if (message is { Text: null, ChoiceValue: null, Location: null, Media: null })
        {
            logger.LogInformation("Twilio message {MessageSid} from {Address} carries nothing the hub understands; ignored", envelope.MessageId, from.Masked);
            return;
        }

        await handler.HandleAsync(message, cancellationToken);
        logger.LogInformation("Twilio message {MessageSid} from {Address} handed to the conversation", envelope.MessageId, from.Masked);
    }

    private async Task<List<MediaFile>> FetchMediaAsync(ChannelAddress from, string messageSid, TwilioForm form, CancellationToken cancellationToken)
    {
        var files = new List<MediaFile>();
        var count = int.TryParse(form["NumMedia"], NumberStyles.None, CultureInfo.InvariantCulture, out var numMedia) ? Math.Min(numMedia, MaxMedia) : 0;
        for (var i = 0; i < count; i++)
        {
            if (!Uri.TryCreate(form[$"MediaUrl{i}"], UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            {
                logger.LogWarning("Twilio message {MessageSid} from {Address}: media {Index} has no usable URL; skipped", messageSid, from.Masked, i);
                continue;
            }

            try
            {
                files.Add(await media.FetchAsync(url, form[$"MediaContentType{i}"], cancellationToken));
            }
            catch (MediaRejectedException rejected)
            {
                logger.LogInformation("Media {Index} of Twilio message {MessageSid} from {Address} refused: {Reason}", i, messageSid, from.Masked, rejected.Message);
                await grains.GetOutbox(from).Enqueue($"twilio-media-refused:{messageSid}:{i}", new OutboundMessage(rejected.Message), about: null);
            }
            catch (HttpRequestException gone) when (gone.StatusCode is { } status && (int)status is >= 400 and < 500 and not 429)
            {
                // Deleted or never there: asking again will not bring it back, and the text still counts.
                logger.LogWarning("Media {Index} of Twilio message {MessageSid} from {Address} not served ({Status}); skipped", i, messageSid, from.Masked, (int)status);
            }
        }

        return files;
    }

    private static GeoPoint? LocationIn(TwilioForm form) =>
        double.TryParse(form["Latitude"], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
        && double.TryParse(form["Longitude"], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
        && latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180
            ? new GeoPoint(latitude, longitude)
            : null;
}
