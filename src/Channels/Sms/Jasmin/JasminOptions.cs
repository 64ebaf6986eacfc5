namespace Lapor.Hub.Channels.Sms.Jasmin;

/// <summary>
/// Configuration section "Sms:Jasmin": the Jasmin SMS gateway (jasminsms.com) carrying the short code. The hub sends through
/// its HTTP API (<see cref="SendUrl"/>) and receives SMS-MO and delivery receipts on <see cref="MoPath"/> and <see cref="DlrPath"/>.
/// </summary>
public sealed class JasminOptions
{
    public const string SectionName = "Sms:Jasmin";

    /// <summary>Where Jasmin's HTTP client connector posts SMS-MO.</summary>
    public const string MoPath = "/channels/sms/jasmin/mo";

    /// <summary>The dlr-url the hub gives with every send.</summary>
    public const string DlrPath = "/channels/sms/jasmin/dlr";

    /// <summary>The query parameter carrying <see cref="InboundSecret"/> in the URLs Jasmin calls.</summary>
    public const string SecretParameter = "secret";

    /// <summary>The header a proxy in front of the hub may set instead of the query parameter.</summary>
    public const string SecretHeader = "X-Jasmin-Secret";

    /// <summary>What Jasmin requires as the whole body of a 200 answer; anything else and it delivers the call again.</summary>
    public const string Acknowledgement = "ACK/Jasmin";

    /// <summary>Jasmin's HTTP API send endpoint, e.g. http://jasmin:1401/send.</summary>
    public string? SendUrl { get; set; }

    /// <summary>The Jasmin user the hub sends as (at most 30 characters).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The originating address of replies: the short code (1708) or long number.</summary>
    public string? From { get; set; }

    /// <summary>
    /// A shared secret of at least 16 characters Jasmin presents on every call to the hub: in the connector's URL
    /// (<c>…/channels/sms/jasmin/mo?secret=…</c>; the hub puts it in the dlr-url itself) or in <see cref="SecretHeader"/>.
    /// </summary>
    public string? InboundSecret { get; set; }

    /// <summary>The hub's public base URL as Jasmin reaches it, for the dlr-url. Defaults to "Sms:PublicBaseUrl".</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Most messages a second the hub submits to Jasmin (the gateway's user throughput or the SMSC's window).</summary>
    public int MessagesPerSecond { get; set; } = 20;

    /// <summary>Least time between two messages to one phone, so parts of a conversation arrive in order.</summary>
    public TimeSpan PerChatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Bodies larger than this are refused with 413. A joined 255-part SMS-MO with its hex copy stays well below.</summary>
    public int MaxBodyBytes { get; set; } = 128 * 1024;

    /// <summary>How long one send to Jasmin may take before it is retried later.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>What is wrong with these settings, if anything.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!IsHttpUrl(SendUrl))
        {
            problems.Add($"{SectionName}:{nameof(SendUrl)} must be Jasmin's absolute send URL, for example http://jasmin:1401/send.");
        }

        if (string.IsNullOrEmpty(Username) || Username.Length > 30 || string.IsNullOrEmpty(Password) || Password.Length > 30)
        {
            problems.Add($"{SectionName}:{nameof(Username)} and {nameof(Password)} are required (a Jasmin user, at most 30 characters each).");
        }

        if (string.IsNullOrWhiteSpace(From))
        {
            problems.Add($"{SectionName}:{nameof(From)} is required: the short code or number replies come from.");
        }

        if (InboundSecret is not { Length: >= 16 } || InboundSecret.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or '~')))
        {
            problems.Add($"{SectionName}:{nameof(InboundSecret)} is required: at least 16 characters of A–Z, a–z, 0–9, -, _, . and ~ (it travels in a URL).");
        }

        if (!IsHttpUrl(PublicBaseUrl))
        {
            problems.Add($"{SectionName}:{nameof(PublicBaseUrl)} (or Sms:PublicBaseUrl) must be the hub's absolute URL as Jasmin reaches it, for the dlr-url.");
        }

        if (MessagesPerSecond <= 0 || MaxBodyBytes <= 0 || PerChatInterval < TimeSpan.Zero || SendTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}: {nameof(MessagesPerSecond)}, {nameof(MaxBodyBytes)} and {nameof(SendTimeout)} must be positive, {nameof(PerChatInterval)} not negative.");
        }

        return problems;
    }

    /// <summary>The dlr-url for a message to <paramref name="digits"/>: the number rides along, since Jasmin's receipts carry none.</summary>
    public string DlrUrl(string digits) =>
        $"{PublicBaseUrl!.TrimEnd('/')}{DlrPath}?{SecretParameter}={Uri.EscapeDataString(InboundSecret!)}&to={Uri.EscapeDataString(digits)}";

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
}
