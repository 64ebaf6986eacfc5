namespace Lapor.Hub.Reports;

public enum NotificationStatus { Retrying, Delivered, Failed }

/// <summary>How the message telling the citizen about one history entry fared in their channel.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.NotificationDelivery")]
public sealed record NotificationDelivery(
    [property: Id(0)] int Sequence,
    [property: Id(1)] string Channel,
    [property: Id(2)] NotificationStatus Status,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int Attempts,
    [property: Id(5)] string? Error = null);
