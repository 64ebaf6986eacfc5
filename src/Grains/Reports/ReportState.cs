namespace Lapor.Hub.Reports;

/// <summary>
/// The stored shape of one report (JSON through the pinned storage serializer). Plain data:
/// every rule that changes it lives in <see cref="Report"/>.
/// </summary>
public sealed class ReportState
{
    public string? TrackingId { get; set; }

    /// <summary>Incremented by every change; the read models are idempotent by it.</summary>
    public int Version { get; set; }

    public ReportStatus Status { get; set; }

    public ReportSubmission? Submission { get; set; }

    public string? FilingKey { get; set; }

    /// <summary>SHA-256 of the secret the reporter received at filing; proves a reader is the reporter.</summary>
    public string? ReporterKeyHash { get; set; }

    public DateTimeOffset FiledAt { get; set; }

    public string? AgencyCode { get; set; }

    public string? CategoryCode { get; set; }

    /// <summary>What the routing model suggested when the report was filed, kept as it was then.</summary>
    public Routing.RoutingSuggestion? Suggestion { get; set; }

    public List<Deadline> Deadlines { get; set; } = [];

    public List<ReportEvent> History { get; set; } = [];

    /// <summary>The latest delivery state of each message sent to the citizen, by history sequence.</summary>
    public Dictionary<int, NotificationDelivery> Deliveries { get; set; } = [];

    /// <summary>Recently handled command IDs, so a retried command is answered without acting twice.</summary>
    public List<string> HandledCommands { get; set; } = [];
}
