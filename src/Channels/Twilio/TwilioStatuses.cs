using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.Twilio;

/// <summary>Twilio's MessageStatus values in the hub's words.</summary>
public static class TwilioStatuses
{
    /// <summary>The status, or null for one the hub does not record (receiving, received: inbound messages).</summary>
    public static ProviderStatus? Parse(string? messageStatus) => messageStatus?.ToLowerInvariant() switch
    {
        "accepted" or "scheduled" or "queued" => ProviderStatus.Queued,
        "sending" or "sent" => ProviderStatus.Sent,
        "delivered" => ProviderStatus.Delivered,
        "read" => ProviderStatus.Read,
        "undelivered" => ProviderStatus.Undelivered,
        "failed" or "canceled" => ProviderStatus.Failed,
        _ => null,
    };
}
