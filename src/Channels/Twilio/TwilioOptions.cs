using System.Text.RegularExpressions;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Channels.Twilio;

/// <summary>
/// Configuration section "Twilio": the account that carries the "sms" and/or "whatsapp" channel when
/// <c>Sms:Provider</c> or <c>WhatsApp:Provider</c> is "Twilio".
/// </summary>
public sealed partial class TwilioOptions
{
    public const string SectionName = "Twilio";

    /// <summary>The provider name inbound envelopes carry, so the shared inbox hands them to <see cref="TwilioInboundProcessor"/>.</summary>
    public const string ProviderName = "twilio";

    /// <summary>"AC" and 32 hex digits, from the Twilio console.</summary>
    public string? AccountSid { get; set; }

    /// <summary>The account's auth token: it authenticates API calls and is the key of <c>X-Twilio-Signature</c>.</summary>
    public string? AuthToken { get; set; }

    /// <summary>Another API server (a fake in tests); null means Twilio's own, https://api.twilio.com.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>
    /// The hub's public https base URL exactly as the webhooks are configured at Twilio: Twilio signs the URL it called,
    /// so the signature is checked against this URL, never against the Host header a proxy passed on.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The SMS sender: a short code ("1708"), a long number ("+62…") or an alphanumeric sender ID.</summary>
    public string? SmsFrom { get; set; }

    /// <summary>A Messaging Service ("MG…") to send from instead of <see cref="SmsFrom"/>/<see cref="WhatsAppFrom"/>.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>The WhatsApp sender, "whatsapp:+62…".</summary>
    public string? WhatsAppFrom { get; set; }

    /// <summary>Webhook bodies larger than this are refused with 413. Twilio's are a few kilobytes.</summary>
    public int MaxWebhookBytes { get; set; } = 64 * 1024;

    /// <summary>A citizen's photo larger than this is not fetched (WhatsApp allows 16 MB of media).</summary>
    public long MaxMediaBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>How long one call to Twilio's API (a send, a media download) may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where Twilio posts a channel's inbound messages, relative to <see cref="PublicBaseUrl"/>.</summary>
    public static string WebhookPath(string channel) => $"/channels/{channel}/twilio";

    /// <summary>Where Twilio posts the status of messages the hub sent on a channel, relative to <see cref="PublicBaseUrl"/>.</summary>
    public static string StatusPath(string channel) => WebhookPath(channel) + "/status";

    /// <summary>The absolute URL of <paramref name="path"/> under <see cref="PublicBaseUrl"/>, as Twilio calls (and signs) it.</summary>
    public string PublicUrl(string path) => PublicBaseUrl!.TrimEnd('/') + path;

    /// <summary>What is wrong with these settings for the Twilio <paramref name="channels"/> turned on; empty when nothing is.</summary>
    public IReadOnlyList<string> Problems(IReadOnlyCollection<string> channels)
    {
        if (channels.Count == 0)
        {
            return [];
        }

        var problems = new List<string>();
        if (AccountSid is null || !AccountSidShape().IsMatch(AccountSid))
        {
            problems.Add($"{SectionName}:{nameof(AccountSid)} must be the account SID from the Twilio console (\"AC\" and 32 hex digits).");
        }

        if (string.IsNullOrWhiteSpace(AuthToken))
        {
            problems.Add($"{SectionName}:{nameof(AuthToken)} is required: it authenticates sends and checks X-Twilio-Signature on webhooks.");
        }

        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var publicBase) || publicBase.Scheme is not ("https" or "http"))
        {
            problems.Add($"{SectionName}:{nameof(PublicBaseUrl)} must be the hub's absolute public URL the webhooks are configured under, "
                + "for example https://lapor.example.go.id.");
        }

        if (ApiBaseUrl is not null && !Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out _))
        {
            problems.Add($"{SectionName}:{nameof(ApiBaseUrl)} must be an absolute URL such as http://127.0.0.1:8089 (or left out for Twilio's own).");
        }

        if (MessagingServiceSid is not null && !MessagingServiceSidShape().IsMatch(MessagingServiceSid))
        {
            problems.Add($"{SectionName}:{nameof(MessagingServiceSid)} must look like \"MG\" and 32 hex digits.");
        }

        if (channels.Contains(ChannelNames.Sms) && string.IsNullOrWhiteSpace(SmsFrom) && MessagingServiceSid is null)
        {
            problems.Add($"{SectionName}:{nameof(SmsFrom)} (a short code or number) or {SectionName}:{nameof(MessagingServiceSid)} is required for SMS.");
        }

        if (channels.Contains(ChannelNames.WhatsApp) && MessagingServiceSid is null
            && (WhatsAppFrom is null || !WhatsAppFrom.StartsWith("whatsapp:+", StringComparison.Ordinal)))
        {
            problems.Add($"{SectionName}:{nameof(WhatsAppFrom)} must be the WhatsApp sender as \"whatsapp:+62…\" "
                + $"(or set {SectionName}:{nameof(MessagingServiceSid)}).");
        }

        if (MaxWebhookBytes <= 0 || MaxMediaBytes <= 0 || RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}: {nameof(MaxWebhookBytes)}, {nameof(MaxMediaBytes)} and {nameof(RequestTimeout)} must be positive.");
        }

        return problems;
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSidShape();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$")]
    private static partial Regex MessagingServiceSidShape();
}
