using System.Text.Json;
using Lapor.Hub.Channels.Citizens;
using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.WhatsApp.Cloud;

/// <summary>
/// The Cloud API's webhook. GET answers Meta's subscription handshake. POST takes a signed batch: each citizen's message
/// goes into that citizen's durable inbox (a redelivered wamid is a duplicate), each status onto the outbox entry it is
/// about. 200 means all of it is stored; any other answer means Meta delivers the batch again.
/// </summary>
internal static class WhatsAppCloudWebhook
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(WhatsAppCloudOptions.WebhookPath, (Func<HttpContext, IResult>)Verify).ExcludeFromDescription();
        endpoints.MapPost(WhatsAppCloudOptions.WebhookPath, (Func<HttpContext, Task<IResult>>)ReceiveAsync).ExcludeFromDescription();
    }

    private static IResult Verify(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<WhatsAppCloudOptions>>().Value;
        var query = http.Request.Query;
        if (query["hub.mode"] == "subscribe"
            && WhatsAppCloudSignature.VerifyTokenMatches(query["hub.verify_token"], options.VerifyToken!)
            && query["hub.challenge"].ToString() is { Length: > 0 and <= 1024 } challenge)
        {
            // The challenge is echoed as given: never as something a browser would render.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Text(challenge, "text/plain");
        }

        Logger(http).LogWarning("WhatsApp webhook verification from {RemoteAddress} refused: wrong mode or verify token", http.Connection.RemoteIpAddress);
        return Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<WhatsAppCloudOptions>>().Value;
        var logger = Logger(http);
        if (await BoundedBody.ReadAsync(http, options.MaxWebhookBytes) is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var signature = http.Request.Headers[WhatsAppCloudSignature.Header].ToString();
        if (signature.Length == 0)
        {
            logger.LogWarning("WhatsApp webhook from {RemoteAddress} refused: no {Header}", http.Connection.RemoteIpAddress, WhatsAppCloudSignature.Header);
            return Results.Unauthorized();
        }

        if (!WhatsAppCloudSignature.Matches(signature, body, options.AppSecret!))
        {
            logger.LogWarning("WhatsApp webhook from {RemoteAddress} refused: wrong {Header}", http.Connection.RemoteIpAddress, WhatsAppCloudSignature.Header);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var time = services.GetRequiredService<TimeProvider>();
        if (CloudWebhookBatch.Parse(body, time.GetUtcNow()) is not { } batch)
        {
            logger.LogWarning("WhatsApp webhook body is not a Cloud API notification ({Bytes} bytes)", body.Length);
            return Results.BadRequest();
        }

        try
        {
            return await StoreAsync(services.GetRequiredService<IGrainFactory>(), batch, logger) ? Results.Ok() : WebhookRetry.Later(http);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.Log(WebhookRetry.LevelFor(e), WebhookRetry.Logged(e),
                "WhatsApp notification could not be stored ({Reason}); answering 503 so Meta delivers it again", e.Message);
            return WebhookRetry.Later(http);
        }
    }

    /// <summary>False when an inbox was busy and the notification must come again.</summary>
    private static async Task<bool> StoreAsync(IGrainFactory grains, CloudWebhookBatch batch, ILogger logger)
    {
        var busy = false;
        foreach (var (from, envelope) in batch.Messages)
        {
            var acceptance = await grains.GetInbox(from).Accept(envelope);
            busy |= acceptance == InboxAcceptance.Busy;
            logger.LogInformation("WhatsApp message {MessageId} from {Address}: {Acceptance}", envelope.MessageId, from.Masked, acceptance);
        }

        foreach (var status in batch.Statuses)
        {
            if (status.NeedsReEngagement && await WhatsAppReEngagement.ResendAsTemplateAsync(grains, status.To, status.MessageId, status.At))
            {
                logger.LogInformation("WhatsApp message {MessageId} to {Address} failed for the closed window (131047); its news goes again as the template",
                    status.MessageId, status.To.Masked);
                continue;
            }

            await grains.GetOutbox(status.To).RecordProviderStatus(status.MessageId, status.Status, status.ErrorCode);
        }

        return !busy;
    }

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WhatsAppCloudWebhook).FullName!);

}

/// <summary>A status callback in the hub's words: about which message, to whom.</summary>
internal sealed record CloudStatusUpdate(ChannelAddress To, string MessageId, ProviderStatus Status, string? ErrorCode, DateTimeOffset At)
{
    /// <summary>Meta could not deliver free text because the citizen's 24-hour window had closed (error 131047).</summary>
    public bool NeedsReEngagement => Status == ProviderStatus.Failed && ErrorCode == "131047";
}

/// <summary>One webhook notification split into what goes where: messages into inboxes, statuses onto outboxes.</summary>
internal sealed record CloudWebhookBatch(
    IReadOnlyList<(ChannelAddress From, InboundEnvelope Envelope)> Messages, IReadOnlyList<CloudStatusUpdate> Statuses)
{
    /// <summary>Null when the body is not a notification at all (not JSON, no entries) or none of its items can be read.</summary>
    public static CloudWebhookBatch? Parse(byte[] body, DateTimeOffset receivedAt)
    {
        CloudWebhook? webhook;
        try
        {
            webhook = JsonSerializer.Deserialize<CloudWebhook>(body, CloudJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }

        if (webhook?.Entry is null)
        {
            return null;
        }

        var messages = new List<(ChannelAddress, InboundEnvelope)>();
        var statuses = new List<CloudStatusUpdate>();
        var unreadable = 0;
        var values = webhook.Entry.SelectMany(entry => entry?.Changes ?? []).Where(change => change?.Field is null or "messages").Select(change => change?.Value);
        foreach (var value in values.OfType<CloudChangeValue>())
        {
            foreach (var message in value.Messages ?? [])
            {
                if (ToEnvelope(message, value.Contacts, receivedAt) is { } accepted)
                {
                    messages.Add(accepted);
                }
                else
                {
                    unreadable++;
                }
            }

            foreach (var status in value.Statuses ?? [])
            {
                if (ToStatusUpdate(status, receivedAt) is { } update)
                {
                    statuses.Add(update);
                }
                else if (status?.Status is not ("deleted" or "warning"))
                {
                    unreadable++;
                }
            }
        }

        return unreadable > 0 && messages.Count == 0 && statuses.Count == 0 ? null : new CloudWebhookBatch(messages, statuses);
    }

    private static (ChannelAddress, InboundEnvelope)? ToEnvelope(JsonElement message, IReadOnlyList<CloudContact>? contacts, DateTimeOffset receivedAt)
    {
        if (message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 and <= 256 } wamid
            || !message.TryGetProperty("from", out var from) || from.ValueKind != JsonValueKind.String
            || !PhoneNumber.TryNormalize(from.GetString(), out var phone))
        {
            return null;
        }

        var name = (contacts ?? []).FirstOrDefault(contact => contact?.WaId == from.GetString())?.Profile?.Name
                   ?? (contacts is [{ Profile.Name: { } only }] ? only : null);
        var stored = JsonSerializer.Serialize(new StoredCloudMessage(message, name), CloudJson.Options);
        return (new ChannelAddress(ChannelNames.WhatsApp, phone), new InboundEnvelope(wamid, WhatsAppCloudProcessor.ProviderName, stored, receivedAt));
    }

    private static CloudStatusUpdate? ToStatusUpdate(CloudStatus? status, DateTimeOffset receivedAt)
    {
        ProviderStatus? known = status?.Status switch
        {
            "sent" => ProviderStatus.Sent,
            "delivered" => ProviderStatus.Delivered,
            "read" => ProviderStatus.Read,
            "failed" => ProviderStatus.Failed,
            _ => null,
        };
        if (known is not { } providerStatus || status!.Id is not { Length: > 0 } id || !PhoneNumber.TryNormalize(status.RecipientId, out var phone))
        {
            return null;
        }

        var errorCode = status.Errors is [{ } first, ..] ? first.Code.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        var at = long.TryParse(status.Timestamp?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                 && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : receivedAt;
        return new CloudStatusUpdate(new ChannelAddress(ChannelNames.WhatsApp, phone), id, providerStatus, errorCode, at);
    }
}
