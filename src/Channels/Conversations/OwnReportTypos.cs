using Lapor.Hub.Tracking;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>
/// A mistyped tracking ID is read as the citizen's own report when exactly one of its corrections is one: never guessed
/// among strangers' reports (their status would be shown for a number nobody gave the citizen), never among two of theirs.
/// </summary>
public static class OwnReportTypos
{
    /// <param name="elsewhere">The same citizen's reports filed from their other addresses (ADR 22).</param>
    public static TrackingId? Resolve(ConversationState state, IReadOnlyCollection<string> elsewhere, IEnumerable<TrackingId> candidates)
    {
        var own = candidates.Where(candidate => state.Reports.Any(report => report.TrackingId == candidate.Value) || elsewhere.Contains(candidate.Value))
            .Take(2).ToArray();
        return own.Length == 1 ? own[0] : null;
    }
}
