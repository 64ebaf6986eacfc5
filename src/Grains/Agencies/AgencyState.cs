namespace Lapor.Hub.Agencies;

public sealed class AgencyState
{
    public AgencyProfile? Profile { get; set; }

    /// <summary>Open reports by tracking ID: the last version seen and whether it is overdue. Bounded by open work.</summary>
    public Dictionary<string, OpenReport> Open { get; set; } = [];

    public int ClosedReports { get; set; }

    public int MissedDeadlines { get; set; }

    /// <param name="IsSecret">A secret report is tracked (to know when it closes) but never counted: the counters are public.</param>
    public sealed record OpenReport(int Version, bool IsOverdue, bool IsSecret = false);
}
