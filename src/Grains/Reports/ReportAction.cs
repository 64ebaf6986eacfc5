namespace Lapor.Hub.Reports;

public enum ReportAction
{
    RequestClarification,
    ProvideClarification,
    Forward,
    Reject,
    PostFollowUp,
    Reply,
    Close,
}

/// <summary>The lifecycle as a table: which action is legal in which status. Nothing else decides it.</summary>
public static class ReportTransitions
{
    private static readonly Dictionary<ReportAction, ReportStatus[]> LegalFrom = new()
    {
        [ReportAction.RequestClarification] = [ReportStatus.Submitted],
        [ReportAction.ProvideClarification] = [ReportStatus.NeedsClarification],
        [ReportAction.Forward] = [ReportStatus.Submitted],
        [ReportAction.Reject] = [ReportStatus.Submitted, ReportStatus.NeedsClarification],
        [ReportAction.PostFollowUp] = [ReportStatus.Forwarded, ReportStatus.FollowedUp],
        [ReportAction.Reply] = [ReportStatus.Submitted, ReportStatus.NeedsClarification, ReportStatus.Forwarded, ReportStatus.FollowedUp],
        [ReportAction.Close] = [ReportStatus.FollowedUp],
    };

    private static string Display(string trackingId) =>
        Tracking.TrackingId.TryParse(trackingId, out var id) ? id.ToDisplayString() : trackingId;

    public static bool IsLegal(ReportStatus from, ReportAction action) => LegalFrom[action].Contains(from);

    public static void Ensure(string trackingId, ReportStatus from, ReportAction action)
    {
        if (!IsLegal(from, action))
        {
            throw new ReportRuleViolation(
                ReportRuleViolation.IllegalTransition,
                $"Report {Display(trackingId)} is {from}; '{action}' is only allowed when it is {string.Join(" or ", LegalFrom[action])}.");
        }
    }
}
