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

    public List<Deadline> Deadlines { get; set; } = [];

    public List<ReportEvent> History { get; set; } = [];

    /// <summary>Recently handled command IDs, so a retried command is answered without acting twice.</summary>
    public List<string> HandledCommands { get; set; } = [];
}
