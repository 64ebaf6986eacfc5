namespace Lapor.Hub.Reports;

/// <summary>
/// Tells the citizen, in the channel they filed from, about a history entry that concerns them. Called after
/// every change and again after a restart: implementations must be idempotent by (tracking ID, sequence).
/// </summary>
public interface IReportNotifier
{
    Task NotifyAsync(ReportView report, ReportEvent entry);
}

public static class ReportNotifications
{
    /// <summary>The history entries a citizen hears about: the tracking ID at filing, then every step that needs them.</summary>
    public static bool ConcernsCitizen(this ReportEvent entry) => entry.Kind switch
    {
        ReportEventKind.Filed or ReportEventKind.ClarificationRequested or ReportEventKind.Forwarded
            or ReportEventKind.FollowUpPosted or ReportEventKind.Rejected or ReportEventKind.Closed => true,
        ReportEventKind.ReplyPosted => entry.Actor.Kind == ActorKind.Admin,
        _ => false,
    };
}
