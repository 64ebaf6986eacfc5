using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.Sms.Text;

// SCAFFOLD (helper H1 replaces this file): an outbound message as SMS text within the segment budget.
public static class SmsReplyText
{
    /// <summary>The message as one SMS text: choices as numbered lines, kept GSM-7 where it can be, at most three segments (longer: shortened with the tracking-page link).</summary>
    public static string Fit(OutboundMessage message, string? publicBaseUrl) => message.Text;
}
