namespace Lapor.Hub.Channels.WhatsApp.Cloud;

/// <summary>Configuration section "WhatsApp:Cloud": the business number at Meta's WhatsApp Cloud API and the webhook's secrets.</summary>
public sealed class WhatsAppCloudOptions
{
    public const string SectionName = "WhatsApp:Cloud";

    /// <summary>Where Meta posts webhooks (and verifies the subscription with a GET), relative to the hub's public URL.</summary>
    public const string WebhookPath = "/channels/whatsapp/cloud";

    /// <summary>The Graph API version the payloads below were written against.</summary>
    public const string DefaultApiBaseUrl = "https://graph.facebook.com/v21.0";

    /// <summary>A system user's permanent access token with whatsapp_business_messaging permission.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The Meta app's secret: webhooks are signed with it (X-Hub-Signature-256).</summary>
    public string? AppSecret { get; set; }

    /// <summary>Any string of your choosing, entered again as "Verify token" in the app's webhook settings.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>The Phone number ID (not the phone number) of the business number messages are sent from.</summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>Meta's Graph API with its version; tests point it at a local fake.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>The hub's public https base URL: media sent to citizens are links under it that Meta fetches.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Webhook bodies larger than this are refused with 413; Meta batches at most a few kilobytes per message.</summary>
    public int MaxWebhookBytes { get; set; } = 512 * 1024;

    /// <summary>The largest citizen's file fetched from Meta (WhatsApp allows 5 MB images and 100 MB documents; the media store decides what it keeps).</summary>
    public long MaxMediaBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>How long one call to the Graph API may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What is wrong with these settings, if anything.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[]
                 {
                     (nameof(AccessToken), AccessToken), (nameof(AppSecret), AppSecret), (nameof(VerifyToken), VerifyToken),
                     (nameof(PhoneNumberId), PhoneNumberId),
                 })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{SectionName}:{name} is required when WhatsApp:Provider is Cloud.");
            }
        }

        if (PhoneNumberId is { Length: > 0 } && !PhoneNumberId.All(char.IsAsciiDigit))
        {
            problems.Add($"{SectionName}:{nameof(PhoneNumberId)} is the numeric Phone number ID from the app's WhatsApp settings, not the phone number.");
        }

        if (!IsHttpUrl(ApiBaseUrl))
        {
            problems.Add($"{SectionName}:{nameof(ApiBaseUrl)} must be an absolute http(s) URL such as {DefaultApiBaseUrl}.");
        }

        if (PublicBaseUrl is not null && !IsHttpUrl(PublicBaseUrl))
        {
            problems.Add($"{SectionName}:{nameof(PublicBaseUrl)} must be the hub's absolute public URL, for example https://lapor.example.go.id.");
        }

        if (MaxWebhookBytes <= 0 || MaxMediaBytes <= 0 || RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}: {nameof(MaxWebhookBytes)}, {nameof(MaxMediaBytes)} and {nameof(RequestTimeout)} must be positive.");
        }

        return problems;
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "https" or "http";
}
