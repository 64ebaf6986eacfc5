using System.Net;
using System.Text;
using Lapor.Hub.Channels.Citizens;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Sms.Text;
using Lapor.Hub.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Sms.Jasmin;

/// <summary>
/// Sends one SMS through Jasmin's HTTP API (POST /send): GSM 03.38 text as coding 0, anything else as UCS-2 (coding 8,
/// hex-content), always asking for receipts of both levels at the DLR endpoint. Jasmin answers <c>Success "id"</c> once the
/// message is queued; the receipts then tell its fate. It never retries: 5xx, throttling and network failures come back as
/// <see cref="DeliveryStatus.RetryLater"/>, other refusals as <see cref="DeliveryStatus.Failed"/> with Jasmin's words.
/// </summary>
internal sealed class JasminSender(
    IHttpClientFactory clients,
    IOptions<JasminOptions> options,
    IOptions<SmsOptions> sms,
    IGrainFactory grains,
    ILogger<JasminSender> logger) : IChannelSender
{
    public const string HttpClientName = "jasmin";
    public const int GsmCoding = 0;
    public const int Ucs2Coding = 8;

    private static readonly TimeSpan ThrottledRetryAfter = TimeSpan.FromSeconds(2);

    public string Channel => ChannelNames.Sms;

    public async Task<DeliveryResult> SendAsync(ChannelAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (to.Channel != Channel || !PhoneNumber.TryNormalize(to.Id, out var digits))
        {
            return new DeliveryResult(DeliveryStatus.Failed, Error: $"'{to.Masked}' is not an SMS address.");
        }

        var text = SmsReplyText.Fit(message, sms.Value.PublicBaseUrl ?? options.Value.PublicBaseUrl);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new DeliveryResult(DeliveryStatus.Failed, Error: "The message has no text to send by SMS.");
        }

        try
        {
            using var response = await clients.CreateClient(HttpClientName)
                .PostAsync(options.Value.SendUrl, new FormUrlEncodedContent(Fields(digits, text)), cancellationToken);
            var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            var result = Interpret(response.StatusCode, body);
            if (result.ProviderMessageId is { } id)
            {
                await RememberAsync(id, digits, to);
            }
            else
            {
                logger.LogWarning("Jasmin refused an SMS to {Address}: {Status} {Error}", to.Masked, result.Status, to.Scrub(result.Error));
            }

            return result;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Jasmin did not answer an SMS to {Address}: {Error}", to.Masked, e.Message);
            return new DeliveryResult(DeliveryStatus.RetryLater, Error: $"Jasmin unreachable: {e.GetType().Name}");
        }
    }

    /// <summary>The send request's fields: the text as GSM 03.38 when it can be, else UCS-2 big-endian in hex.</summary>
    public IEnumerable<KeyValuePair<string, string>> Fields(string digits, string text)
    {
        var settings = options.Value;
        yield return new("username", settings.Username!);
        yield return new("password", settings.Password!);
        yield return new("to", digits);
        yield return new("from", settings.From!);
        if (Gsm0338.CanEncode(text))
        {
            yield return new("coding", GsmCoding.ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return new("content", text);
        }
        else
        {
            yield return new("coding", Ucs2Coding.ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return new("hex-content", Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text)));
        }

        yield return new("dlr", "yes");
        yield return new("dlr-url", settings.DlrUrl(digits));
        yield return new("dlr-level", "3");
        yield return new("dlr-method", "POST");
    }

    /// <summary>Jasmin's answer: 200 <c>Success "id"</c>, or a status with <c>Error "why"</c>.</summary>
    public static DeliveryResult Interpret(HttpStatusCode status, string body)
    {
        if (status == HttpStatusCode.OK && Quoted(body, "Success") is { Length: > 0 } id)
        {
            return DeliveryResult.Accepted(id);
        }

        var why = Quoted(body, "Error") ?? (body.Length > 200 ? body[..200] : body);
        var error = $"{(int)status}: {why}";
        return (int)status switch
        {
            >= 500 or 429 => new DeliveryResult(DeliveryStatus.RetryLater, Error: error),
            // The user's throughput is exceeded, or a failover route has no bound connector right now: both pass.
            403 when why.Contains("throughput", StringComparison.OrdinalIgnoreCase) =>
                new DeliveryResult(DeliveryStatus.RetryLater, RetryAfter: ThrottledRetryAfter, Error: error),
            412 when why.Contains("no bound connectors", StringComparison.OrdinalIgnoreCase) => new DeliveryResult(DeliveryStatus.RetryLater, Error: error),
            _ => new DeliveryResult(DeliveryStatus.Failed, Error: error),
        };
    }

    private static string? Quoted(string body, string word) =>
        body.StartsWith(word + " \"", StringComparison.Ordinal) && body.EndsWith('"') && body.Length >= word.Length + 3
            ? body[(word.Length + 2)..^1]
            : null;

    private async Task RememberAsync(string jasminId, string digits, ChannelAddress to)
    {
        try
        {
            await grains.GetJasminSent(jasminId).Remember(digits);
        }
        catch (Exception e)
        {
            // The SMS is on its way and must not be sent twice; receipts to the dlr-url still carry the number.
            logger.LogWarning(e, "Could not remember Jasmin message {MessageId} to {Address}", jasminId, to.Masked);
        }
    }
}
