using Lapor.Hub.Reports;

namespace Lapor.Hub.Polls;

/// <summary>
/// Who may do what with a poll, in one place for every entrance (console, API, chat):
/// <list type="bullet">
/// <item>admins (and the hub itself, e.g. the closing reminder) may do anything;</item>
/// <item>an agency officer manages (creates, sees as a draft, edits, opens, closes) only their own agency's polls;</item>
/// <item>the public, citizens included, sees a poll only once it is no longer a draft, and its results only when the poll
/// shows them before the close or it is closed; citizens change a poll only by voting.</item>
/// </list>
/// </summary>
public static class PollAccess
{
    public static bool MayManage(string agencyCode, Actor? actor) => actor switch
    {
        { Kind: ActorKind.Admin or ActorKind.System } => true,
        { Kind: ActorKind.AgencyOfficer, AgencyCode: { } own } => string.Equals(own, agencyCode, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    public static bool CanSee(PollStatus status, string agencyCode, Actor? viewer) =>
        status != PollStatus.Draft || MayManage(agencyCode, viewer);

    public static bool SeesResults(PollStatus status, bool resultsBeforeClose, string agencyCode, Actor? viewer) =>
        MayManage(agencyCode, viewer) || PublicSeesResults(status, resultsBeforeClose);

    /// <summary>What a voter, a public page and the export may show: the tallies, when the poll allows it.</summary>
    public static bool PublicSeesResults(PollStatus status, bool resultsBeforeClose) =>
        status == PollStatus.Closed || (status == PollStatus.Open && resultsBeforeClose);
}
