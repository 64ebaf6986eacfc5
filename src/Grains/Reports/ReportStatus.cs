namespace Lapor.Hub.Reports;

public enum ReportStatus
{
    /// <summary>Filed; waiting for an admin to verify and forward it.</summary>
    Submitted,
    /// <summary>Sent back to the citizen with a question; the verification clock is paused.</summary>
    NeedsClarification,
    /// <summary>Verified, routed to an agency and published unless secret; the agency must follow up.</summary>
    Forwarded,
    /// <summary>The agency has posted at least one follow-up; closes when the thread goes quiet.</summary>
    FollowedUp,
    Closed,
    Rejected,
}

public static class ReportStatusExtensions
{
    public static bool IsTerminal(this ReportStatus status) => status is ReportStatus.Closed or ReportStatus.Rejected;

    /// <summary>Forwarding publishes a report; from then on it is public unless secret.</summary>
    public static bool IsPastForwarding(this ReportStatus status) =>
        status is ReportStatus.Forwarded or ReportStatus.FollowedUp or ReportStatus.Closed;
}
