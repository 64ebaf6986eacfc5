namespace Lapor.Hub.Channels.Sms;

/// <summary>Configuration section "Sms": which provider carries the short code or long number.</summary>
public sealed class SmsOptions
{
    public const string SectionName = "Sms";

    public const string TwilioProvider = "Twilio";

    public const string JasminProvider = "Jasmin";

    /// <summary>"Twilio" (section "Twilio") or "Jasmin" (an SMS gateway, section "Sms:Jasmin"); empty: the channel is off.</summary>
    public string? Provider { get; set; }

    /// <summary>The hub's public https base URL, for the tracking-page link a shortened reply ends with.</summary>
    public string? PublicBaseUrl { get; set; }
}
