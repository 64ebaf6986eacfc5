using Lapor.Hub.Reports;

namespace Lapor.Hub.Reports.Access;

/// <summary>
/// The privacy rules, in one place, for every page and API response:
/// <list type="bullet">
/// <item>a secret report is seen only by its reporter, admins and the agency it was forwarded to — never by the public;</item>
/// <item>an officer sees only reports forwarded to their own agency;</item>
/// <item>the reporter's identity is never shown to the public, and to an agency only when the report is not anonymous;</item>
/// <item>before forwarding the public sees only where a report stands: its text is unverified and may hold personal details;</item>
/// <item>of a published report's history the public reads the agency's follow-ups and the thread after forwarding, never the
/// clarification exchange (where citizens give names and phone numbers) nor the admin's note to the agency.</item>
/// </list>
/// </summary>
public static class ReportAccess
{
    public static bool CanSee(ReportView report, Viewer viewer) => viewer.Kind switch
    {
        ViewerKind.Public => !report.Submission.IsSecret,
        ViewerKind.Reporter or ViewerKind.Admin or ViewerKind.Supervisor => true,
        ViewerKind.AgencyOfficer => IsForwardedTo(report, viewer.AgencyCode),
        _ => false,
    };

    public static bool SeesContent(ReportView report, Viewer viewer) => viewer.Kind != ViewerKind.Public || report.IsPublished;

    /// <summary>Name and channel of the citizen. The channel address (a phone number, a chat ID) is for the reporter and admins only.</summary>
    public static bool SeesReporterName(ReportView report, Viewer viewer) => viewer.Kind switch
    {
        ViewerKind.Reporter or ViewerKind.Admin or ViewerKind.Supervisor => true,
        ViewerKind.AgencyOfficer => !report.Submission.IsAnonymous,
        _ => false,
    };

    public static bool SeesReporterAddress(Viewer viewer) => viewer.Kind is ViewerKind.Reporter || viewer.IsAdmin;

    /// <summary>Whether this viewer reads the text of one history entry; the entry itself (what happened, when) is always listed.</summary>
    public static bool SeesEventText(ReportEvent entry, Viewer viewer) => entry.Kind switch
    {
        // The admin's note is addressed to the agency, not to the citizen or the public.
        ReportEventKind.Forwarded => viewer.IsAdmin || viewer.IsOfficer,
        ReportEventKind.FollowUpPosted => true,
        // A reply written before forwarding belongs to the exchange with the admins; after it, to the public thread.
        ReportEventKind.ReplyPosted => viewer.Kind != ViewerKind.Public || entry.StatusAfter.IsPastForwarding(),
        _ => viewer.Kind != ViewerKind.Public,
    };

    /// <summary>Suggestions, reminders, who acted, delivery status: the workings, for admins.</summary>
    public static bool SeesWorkings(Viewer viewer) => viewer.IsAdmin;

    public static bool CanPostFollowUp(ReportView report, Viewer viewer) =>
        viewer.IsAdmin || (viewer.IsOfficer && IsForwardedTo(report, viewer.AgencyCode));

    /// <summary>Whether this kind of viewer may attempt an action at all, before any particular report is looked at.</summary>
    public static bool MayAttempt(ReportAction action, Viewer viewer) => action switch
    {
        ReportAction.PostFollowUp => viewer.IsAdmin || viewer.IsOfficer,
        ReportAction.Reply => viewer.IsAdmin || viewer.Kind == ViewerKind.Reporter,
        ReportAction.ProvideClarification => viewer.Kind == ViewerKind.Reporter,
        _ => viewer.IsAdmin,
    };

    /// <summary>Whether this viewer may take the action on this report, its status aside (the transition table decides that).</summary>
    public static bool MayAct(ReportAction action, ReportView report, Viewer viewer) =>
        MayAttempt(action, viewer) && CanSee(report, viewer) && (action != ReportAction.PostFollowUp || CanPostFollowUp(report, viewer));

    /// <summary>The actions this viewer may take on the report now: what a page offers, without restating the lifecycle.</summary>
    public static IReadOnlySet<ReportAction> ActionsNow(ReportView report, Viewer viewer) =>
        Enum.GetValues<ReportAction>().Where(action => MayAct(action, report, viewer) && ReportTransitions.IsLegal(report.Status, action)).ToHashSet();

    /// <summary>Opening a secret report is recorded for everyone allowed to open it.</summary>
    public static bool IsAudited(ReportView report, Viewer viewer) => report.Submission.IsSecret && viewer.Kind != ViewerKind.Public;

    private static bool IsForwardedTo(ReportView report, string? agencyCode) =>
        agencyCode is not null && report.Status.IsPastForwarding()
        && string.Equals(report.AgencyCode, agencyCode, StringComparison.OrdinalIgnoreCase);
}
