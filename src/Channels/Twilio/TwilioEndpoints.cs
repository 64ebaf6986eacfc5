using System.Text.RegularExpressions;
using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Channels.WhatsApp;
using Lapor.Hub.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Twilio;

/// <summary>
/// Twilio's webhooks for one channel: inbound messages (<see cref="TwilioOptions.WebhookPath"/>) and the status of sent
/// ones (<see cref="TwilioOptions.StatusPath"/>). Both are signed; a missing or wrong signature is refused with 403 and
/// nothing is recorded. An inbound message is answered 200 only once the channel inbox stored it (or had it already);
/// replies go through the outbox and Twilio's REST API, so the TwiML answer is empty.
/// </summary>
public static partial class TwilioEndpoints
{
    /// <summary>The empty TwiML answer: nothing to say in the webhook's response.</summary>
    public const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private static readonly string OutsideWindowErrorCode = TwilioSender.OutsideWindowError.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static IEndpointRouteBuilder MapTwilioEndpoints(this IEndpointRouteBuilder endpoints, string channel)
    {
        endpoints.MapPost(TwilioOptions.WebhookPath(channel), (Func<HttpContext, Task<IResult>>)(http => ReceiveAsync(http, channel))).ExcludeFromDescription();
        endpoints.MapPost(TwilioOptions.StatusPath(channel), (Func<HttpContext, Task<IResult>>)(http => ReceiveStatusAsync(http, channel))).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, string channel)
    {
        var services = http.RequestServices;
        var logger = Logger(services);
        var (form, refusal) = await ReadSignedAsync(http, channel, logger);
        if (form is null)
        {
            return refusal!;
        }

        var messageSid = form["MessageSid"] ?? form["SmsMessageSid"];
        if (messageSid is null || !SidShape().IsMatch(messageSid) || !TwilioAddresses.TryParse(channel, form["From"], out var from))
        {
            logger.LogWarning("Twilio {Channel} webhook without a usable MessageSid or From ({Fields} fields); refused", channel, form.Fields.Count);
            return Results.BadRequest();
        }

        var time = services.GetRequiredService<TimeProvider>();
        try
        {
            var acceptance = await services.GetRequiredService<IGrainFactory>().GetInbox(from)
                .Accept(new InboundEnvelope(messageSid, TwilioOptions.ProviderName, form.Raw, time.GetUtcNow()));
            if (acceptance == InboxAcceptance.Busy)
            {
                return WebhookRetry.Later(http);
            }

            logger.LogInformation("Twilio {Channel} message {MessageSid} from {Address}: {Acceptance}", channel, messageSid, from.Masked, acceptance);
            return Results.Text(EmptyTwiml, "text/xml");
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.Log(WebhookRetry.LevelFor(e), WebhookRetry.Logged(e),
                "Twilio message {MessageSid} from {Address} could not be recorded ({Reason}); answering 503 so Twilio tries again", messageSid, from.Masked, e.Message);
            return WebhookRetry.Later(http);
        }
    }

    private static async Task<IResult> ReceiveStatusAsync(HttpContext http, string channel)
    {
        var services = http.RequestServices;
        var logger = Logger(services);
        var (form, refusal) = await ReadSignedAsync(http, channel, logger);
        if (form is null)
        {
            return refusal!;
        }

        var messageSid = form["MessageSid"] ?? form["SmsSid"];
        var reported = form["MessageStatus"] ?? form["SmsStatus"];
        if (messageSid is null || !SidShape().IsMatch(messageSid) || reported is null || !TwilioAddresses.TryParse(channel, form["To"], out var to))
        {
            logger.LogWarning("Twilio {Channel} status callback without a usable MessageSid, MessageStatus or To; refused", channel);
            return Results.BadRequest();
        }

        if (TwilioStatuses.Parse(reported) is not { } status)
        {
            return Results.Ok();
        }

        try
        {
            var grains = services.GetRequiredService<IGrainFactory>();
            // Free text Twilio took after the window had closed: its news goes again as the template instead of failing.
            if (channel == ChannelNames.WhatsApp && status is ProviderStatus.Failed or ProviderStatus.Undelivered
                && form["ErrorCode"] == OutsideWindowErrorCode
                && await WhatsAppReEngagement.ResendAsTemplateAsync(grains, to, messageSid, services.GetRequiredService<TimeProvider>().GetUtcNow()))
            {
                logger.LogInformation("Twilio message {MessageSid} to {Address} failed with 63016; its news goes again as the template", messageSid, to.Masked);
                return Results.Ok();
            }

            await grains.GetOutbox(to).RecordProviderStatus(messageSid, status, form["ErrorCode"]);
            return Results.Ok();
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.Log(WebhookRetry.LevelFor(e), WebhookRetry.Logged(e),
                "Status {Status} of Twilio message {MessageSid} to {Address} could not be recorded ({Reason})", status, messageSid, to.Masked, e.Message);
            return WebhookRetry.Later(http);
        }
    }

    /// <summary>The signed form, or the refusal: 413 too large, 403 unsigned or forged.</summary>
    private static async Task<(TwilioForm? Form, IResult? Refusal)> ReadSignedAsync(HttpContext http, string channel, ILogger logger)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<TwilioOptions>>().Value;
        if (await TwilioForm.ReadAsync(http, options.MaxWebhookBytes) is not { } form)
        {
            return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        if (!services.GetRequiredService<TwilioSignature>().IsValid(http.Request, form.Fields))
        {
            logger.LogWarning("Twilio {Channel} webhook call to {Path} from {RemoteAddress} refused: missing or wrong X-Twilio-Signature",
                channel, http.Request.Path.Value, http.Connection.RemoteIpAddress);
            return (null, Results.StatusCode(StatusCodes.Status403Forbidden));
        }

        return (form, null);
    }

    private static ILogger Logger(IServiceProvider services) => services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TwilioEndpoints));

    /// <summary>Twilio's message SIDs: "SM…" or "MM…" and 32 hex digits; a little room for other prefixes, nothing else.</summary>
    [GeneratedRegex("^[A-Z]{2}[0-9a-fA-F]{32}$")]
    private static partial Regex SidShape();
}
