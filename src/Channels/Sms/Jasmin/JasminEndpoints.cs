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

namespace Lapor.Hub.Channels.Sms.Jasmin;

/// <summary>
/// The two URLs Jasmin calls. Each answers 200 with the body <c>ACK/Jasmin</c> only once the call is durably recorded (or
/// was already): anything else and Jasmin delivers it again after its retry delay. A call without the shared secret is
/// refused (401; a wrong one 403) before its body is read.
/// </summary>
internal static class JasminEndpoints
{
    private static readonly string[] Methods = [HttpMethods.Post, HttpMethods.Get];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(JasminOptions.MoPath, Methods, (Func<HttpContext, Task<IResult>>)ReceiveMessageAsync).ExcludeFromDescription();
        endpoints.MapMethods(JasminOptions.DlrPath, Methods, (Func<HttpContext, Task<IResult>>)ReceiveReceiptAsync).ExcludeFromDescription();
    }

    private static IResult Acknowledged() => Results.Text(JasminOptions.Acknowledgement, "text/plain");

    private static async Task<IResult> ReceiveMessageAsync(HttpContext http)
    {
        var logger = LoggerOf(http);
        var (fields, refusal) = await ReadAuthenticatedAsync(http, logger, "SMS-MO");
        if (fields is null)
        {
            return refusal!;
        }

        if (JasminMo.Parse(fields, out var problem) is not { } mo)
        {
            logger.LogWarning("Jasmin SMS-MO refused: {Problem}", problem);
            return Results.BadRequest();
        }

        var from = new ChannelAddress(ChannelNames.Sms, mo.FromDigits);
        if (mo.Text is null)
        {
            logger.LogInformation("Jasmin SMS-MO {MessageId} from {Address} is binary data, not text; acknowledged and ignored", mo.Id, from.Masked);
            return Acknowledged();
        }

        var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
        try
        {
            var envelope = new InboundEnvelope(mo.Id, JasminInboundProcessor.ProviderName, JasminForm.Encode(fields),
                http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
            if (mo.Part is { } part)
            {
                var joined = await grains.GetSmsParts(mo.FromDigits, part.Reference, part.Total).Add(part.Sequence, mo.Id, mo.Text);
                if (joined is null)
                {
                    logger.LogInformation("Jasmin SMS-MO {MessageId} from {Address} is part {Sequence} of {Total}; kept until all parts are here",
                        mo.Id, from.Masked, part.Sequence, part.Total);
                    return Acknowledged();
                }

                envelope = envelope with { MessageId = joined.MessageId, Body = JasminForm.Encode(JoinedFields(joined, fields)) };
            }

            var acceptance = await grains.GetInbox(from).Accept(envelope);
            return acceptance == InboxAcceptance.Busy ? WebhookRetry.Later(http) : Acknowledged();
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.Log(WebhookRetry.LevelFor(e), WebhookRetry.Logged(e),
                "Jasmin SMS-MO {MessageId} from {Address} could not be recorded ({Reason}); answering 503 so Jasmin delivers it again", mo.Id, from.Masked, e.Message);
            return WebhookRetry.Later(http);
        }
    }

    private static async Task<IResult> ReceiveReceiptAsync(HttpContext http)
    {
        var logger = LoggerOf(http);
        var (fields, refusal) = await ReadAuthenticatedAsync(http, logger, "DLR");
        if (fields is null)
        {
            return refusal!;
        }

        if (JasminReceipt.Parse(fields) is not { } receipt)
        {
            logger.LogWarning("Jasmin DLR refused: no id or message_status");
            return Results.BadRequest();
        }

        if (receipt.Status is not { } status)
        {
            logger.LogInformation("Jasmin DLR for {MessageId} with status {MessageStatus} not understood; acknowledged and ignored", receipt.MessageId, receipt.MessageStatus);
            return Acknowledged();
        }

        var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
        try
        {
            var sent = grains.GetJasminSent(receipt.MessageId);
            var digits = PhoneNumber.TryNormalize(http.Request.Query["to"].ToString(), out var fromUrl) ? fromUrl : await sent.Recall();
            if (digits is null)
            {
                logger.LogInformation("Jasmin DLR {MessageStatus} for unknown message {MessageId}; acknowledged and ignored", receipt.MessageStatus, receipt.MessageId);
                return Acknowledged();
            }

            var to = new ChannelAddress(ChannelNames.Sms, digits);
            await grains.GetOutbox(to).RecordProviderStatus(receipt.MessageId, status, receipt.ErrorCode);
            if (receipt.IsFinal)
            {
                await sent.Forget();
            }

            return Acknowledged();
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.Log(WebhookRetry.LevelFor(e), WebhookRetry.Logged(e),
                "Jasmin DLR for {MessageId} could not be recorded ({Reason}); answering 503 so Jasmin delivers it again", receipt.MessageId, e.Message);
            return WebhookRetry.Later(http);
        }
    }

    /// <summary>The call's fields once its secret is checked and its body read within bounds; else the answer refusing it.</summary>
    private static async Task<(Dictionary<string, string>? Fields, IResult? Refusal)> ReadAuthenticatedAsync(HttpContext http, ILogger logger, string kind)
    {
        var services = http.RequestServices;
        if (services.GetService<JasminSecret>() is not { } secret)
        {
            return (null, Results.NotFound());
        }

        var (presented, matches) = secret.Check(http.Request);
        if (!matches)
        {
            logger.LogWarning("Jasmin {Kind} call from {RemoteAddress} refused: {Reason} secret", kind, http.Connection.RemoteIpAddress, presented ? "wrong" : "missing");
            return (null, presented ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.Unauthorized());
        }

        var (outcome, fields) = await JasminForm.ReadAsync(http, services.GetRequiredService<IOptions<JasminOptions>>().Value.MaxBodyBytes);
        return outcome switch
        {
            JasminForm.Outcome.Read => (fields, null),
            JasminForm.Outcome.TooLarge => (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge)),
            _ => (null, Results.BadRequest()),
        };
    }

    /// <summary>The joined message as Jasmin would have posted it had it joined the parts itself: UCS-2 carries any text.</summary>
    private static IEnumerable<KeyValuePair<string, string>> JoinedFields(JoinedSms joined, IReadOnlyDictionary<string, string> lastPart) =>
    [
        new("id", joined.MessageId),
        new("from", lastPart.GetValueOrDefault("from") ?? ""),
        new("to", lastPart.GetValueOrDefault("to") ?? ""),
        new("coding", "8"),
        new("binary", Convert.ToHexString(System.Text.Encoding.BigEndianUnicode.GetBytes(joined.Text))),
    ];

    private static ILogger LoggerOf(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JasminEndpoints));
}
