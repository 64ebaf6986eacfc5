using System.Text.RegularExpressions;
using Lapor.Hub.Reports;
using Lapor.Hub.Channels.Queues;

namespace Lapor.Hub.Channels.Telegram;

/// <summary>Configuration section "Telegram". Without a <see cref="BotToken"/> the channel is off: nothing is sent or received.</summary>
public sealed partial class TelegramOptions
{
    public const string SectionName = "Telegram";

    /// <summary>The channel name in <see cref="Messages.ChannelAddress"/>.</summary>
    public const string Channel = ChannelNames.Telegram;

    /// <summary>Where Telegram posts updates, relative to <see cref="PublicBaseUrl"/>.</summary>
    public const string WebhookPath = "/channels/telegram/webhook";

    /// <summary>Telegram's header carrying the webhook's secret_token.</summary>
    public const string SecretTokenHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>From @BotFather, "123456:ABC…".</summary>
    public string? BotToken { get; set; }

    /// <summary>The secret_token given to setWebhook: 1–256 characters of A–Z, a–z, 0–9, _ and -.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The hub's public https base URL; the webhook is <see cref="WebhookPath"/> under it.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Another Bot API server (a local one, or a fake in tests); null means Telegram's own.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>Poll getUpdates instead of receiving the webhook: for development without a public URL.</summary>
    public bool UseLongPolling { get; set; }

    /// <summary>Webhook bodies larger than this are refused with 413. Telegram's updates are a few kilobytes.</summary>
    public int MaxUpdateBytes { get; set; } = 1024 * 1024;

    /// <summary>How many update ids each chat remembers to refuse redeliveries.</summary>
    public int RememberedUpdateIds { get; set; } = 256;

    /// <summary>Accepted updates a chat may hold unhandled; past it the webhook answers 503 and Telegram retries later.</summary>
    public int MaxPendingUpdates { get; set; } = 50;

    /// <summary>After this many failed attempts to hand an update to the conversation, it is given up and logged as an error.</summary>
    public int MaxHandlingAttempts { get; set; } = 10;

    /// <summary>How long one attempt to fetch media and hand an update on may take.</summary>
    public TimeSpan HandlingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a durable reminder wakes a chat inbox with unhandled updates (after a restart, for instance).</summary>
    public TimeSpan InboxWakeUpPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The getUpdates long-poll timeout.</summary>
    public TimeSpan LongPollingTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>The inbox's retry, wake-up and give-up policy: waits of 2, 4, 8… seconds, at most a wake-up period.</summary>
    public QueuePolicy InboxQueuePolicy() => new(MaxHandlingAttempts, TimeSpan.FromSeconds(2), InboxWakeUpPeriod, InboxWakeUpPeriod);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>The absolute webhook URL, from <see cref="PublicBaseUrl"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="PublicBaseUrl"/> is missing or not an absolute http(s) URL.</exception>
    public Uri WebhookUrl()
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException(
                $"{SectionName}:{nameof(PublicBaseUrl)} must be the hub's absolute public URL, for example https://lapor.example.go.id.");
        }

        return new Uri(baseUrl, WebhookPath);
    }

    /// <summary>What is wrong with these settings, if anything; empty when the channel is off.</summary>
    public IReadOnlyList<string> Problems()
    {
        if (!IsEnabled)
        {
            return [];
        }

        var problems = new List<string>();
        if (!BotTokenShape().IsMatch(BotToken!))
        {
            problems.Add($"{SectionName}:{nameof(BotToken)} does not look like a bot token (\"123456:ABC-DEF…\" from @BotFather).");
        }

        if (WebhookSecret is not null && !SecretTokenShape().IsMatch(WebhookSecret))
        {
            problems.Add($"{SectionName}:{nameof(WebhookSecret)} must be 1–256 characters of A–Z, a–z, 0–9, _ and - (Telegram's secret_token rule).");
        }

        if (!UseLongPolling && string.IsNullOrEmpty(WebhookSecret))
        {
            problems.Add($"{SectionName}:{nameof(WebhookSecret)} is required for the webhook (or set {SectionName}:{nameof(UseLongPolling)}=true).");
        }

        if (ApiBaseUrl is not null && !Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out _))
        {
            problems.Add($"{SectionName}:{nameof(ApiBaseUrl)} must be an absolute URL such as http://localhost:8081.");
        }

        if (MaxUpdateBytes <= 0 || RememberedUpdateIds <= 0 || MaxPendingUpdates <= 0 || MaxHandlingAttempts <= 0)
        {
            problems.Add($"{SectionName}: the limits {nameof(MaxUpdateBytes)}, {nameof(RememberedUpdateIds)}, "
                + $"{nameof(MaxPendingUpdates)} and {nameof(MaxHandlingAttempts)} must be positive.");
        }

        return problems;
    }

    [GeneratedRegex("^[0-9]{1,16}:[A-Za-z0-9_-]+$")]
    private static partial Regex BotTokenShape();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretTokenShape();
}
