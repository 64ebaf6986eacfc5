namespace Lapor.Hub.Channels.WhatsApp;

/// <summary>Configuration section "WhatsApp": which provider carries the channel, and the template for news outside the 24-hour window.</summary>
public sealed class WhatsAppOptions
{
    public const string SectionName = "WhatsApp";

    public const string TwilioProvider = "Twilio";

    public const string CloudProvider = "Cloud";

    /// <summary>"Twilio" (section "Twilio") or "Cloud" (the WhatsApp Cloud API, section "WhatsApp:Cloud"); empty: the channel is off.</summary>
    public string? Provider { get; set; }

    /// <summary>The approved template that carries a report's news outside the 24-hour window: {{1}} the tracking ID, {{2}} the news in one line.</summary>
    public WhatsAppTemplateOptions NoticeTemplate { get; set; } = new();

    /// <summary>
    /// The approved template that invites to a poll outside the 24-hour window: {{1}} the question in one line. Its text is
    /// the operator's, e.g. "Ada polling baru: {{1}}. Balas POLLING untuk ikut menjawab." Not set: such chats are skipped.
    /// </summary>
    public WhatsAppTemplateOptions PollTemplate { get; set; } = new();

    /// <summary>Whether the configured provider can send the poll template: a Meta name (Cloud) or a Content SID (Twilio).</summary>
    public bool CanSendPollTemplate => Provider switch
    {
        CloudProvider => !string.IsNullOrWhiteSpace(PollTemplate.Name),
        TwilioProvider => PollTemplate.TwilioContentSids.Count > 0,
        _ => false,
    };
}

/// <summary>One approved message template, as each provider names it.</summary>
public sealed class WhatsAppTemplateOptions
{
    /// <summary>The template's name at Meta (WhatsApp Cloud API), e.g. "lapor_kabar_laporan".</summary>
    public string? Name { get; set; }

    /// <summary>Template language codes by dialog language: the Indonesian and English translations registered under <see cref="Name"/>.</summary>
    public Dictionary<string, string> Languages { get; set; } = new() { ["id"] = "id", ["en"] = "en" };

    /// <summary>Twilio's Content SID ("HX…") of the same template, by dialog language ("id", "en"); Twilio sends templates by Content SID.</summary>
    public Dictionary<string, string> TwilioContentSids { get; set; } = [];
}
