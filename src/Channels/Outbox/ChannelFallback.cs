using Lapor.Hub.Channels.Citizens;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Channels.Outbox;

/// <summary>
/// SMS as the fallback for WhatsApp (ADR 22): news about a report that WhatsApp could not deliver for good (given up on,
/// or reported undelivered or failed by the provider) goes once by SMS to the same number, when SMS runs. Dialog replies
/// do not: their buttons and the chat they continue belong to WhatsApp.
/// </summary>
public static class ChannelFallback
{
    /// <summary>The address to try next after <paramref name="address"/>, or null when there is none.</summary>
    public static ChannelAddress? For(ChannelAddress address, ReportEventRef? about, IEnumerable<IChannelSender> senders) =>
        about is not null
        && address.Channel == ChannelNames.WhatsApp
        && CitizenLinks.PhoneOf(address) is { } phone
        && senders.Any(sender => sender.Channel == ChannelNames.Sms)
            ? new ChannelAddress(ChannelNames.Sms, phone)
            : null;

    /// <summary>The fallback's outbox key: the same message falls back once however often its failure is reported.</summary>
    public static string Key(string key) => $"fallback:{key}";

    /// <summary>Provider statuses that mean the message will never arrive.</summary>
    public static bool IsFinalFailure(ProviderStatus status) => status is ProviderStatus.Undelivered or ProviderStatus.Failed;
}
