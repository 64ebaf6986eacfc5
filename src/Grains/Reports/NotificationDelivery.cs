namespace Lapor.Hub.Reports;

/// <summary>
/// Where the message about one history entry stands. <see cref="Delivered"/> is the provider's word that it reached the
/// phone, or, for providers that send no receipts (Telegram, web chat), that they took it. <see cref="Queued"/>,
/// <see cref="Sent"/>, <see cref="Undelivered"/> and <see cref="Read"/> come from providers' status callbacks (Twilio, WhatsApp).
/// </summary>
/// <remarks>Values are stored; new ones go at the end.</remarks>
public enum NotificationStatus { Retrying, Delivered, Failed, Queued, Sent, Undelivered, Read }

/// <summary>How the message telling the citizen about one history entry fared in their channel.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.NotificationDelivery")]
public sealed record NotificationDelivery(
    [property: Id(0)] int Sequence,
    [property: Id(1)] string Channel,
    [property: Id(2)] NotificationStatus Status,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int Attempts,
    [property: Id(5)] string? Error = null)
{
    /// <summary>
    /// Whether this news replaces <paramref name="known"/>. On one channel only news further along does, so a late "sent"
    /// callback never hides a "delivered", nor a "retrying" a "failed"; a failure after a send is real news, a read after
    /// anything is. Another channel's news replaces only a failure: that is the fallback (SMS after WhatsApp) taking over,
    /// and a late callback from the channel that failed never hides how the fallback fares.
    /// </summary>
    public bool Supersedes(NotificationDelivery? known) =>
        known is null || (known.Channel == Channel ? Progress(Status) > Progress(known.Status) : IsFailure(known.Status));

    private static bool IsFailure(NotificationStatus status) => status is NotificationStatus.Failed or NotificationStatus.Undelivered;

    private static int Progress(NotificationStatus status) => status switch
    {
        NotificationStatus.Retrying => 0,
        NotificationStatus.Queued => 1,
        NotificationStatus.Sent => 2,
        NotificationStatus.Delivered => 3,
        NotificationStatus.Undelivered or NotificationStatus.Failed => 4,
        NotificationStatus.Read => 5,
        _ => 0,
    };
}
