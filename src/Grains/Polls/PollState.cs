namespace Lapor.Hub.Polls;

/// <summary>
/// The stored shape of one poll (JSON through the pinned storage serializer). Plain data: every rule that changes it
/// lives in <see cref="Poll"/>. The tallies are not stored: they are derived from <see cref="Votes"/>.
/// </summary>
public sealed class PollState
{
    public string? PollId { get; set; }

    /// <summary>Incremented by every change (each counted or changed vote too); the query table is idempotent by it.</summary>
    public int Version { get; set; }

    public PollStatus Status { get; set; }

    public PollDraft? Definition { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Each voter's current vote, by <see cref="Voter.Key"/>: one person, one vote.</summary>
    public Dictionary<string, RecordedVote> Votes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Recently handled ballot IDs (bounded), so a redelivered message is counted once.</summary>
    public List<string> HandledBallots { get; set; } = [];
}

/// <summary>One voter's current choice and where it came from (for the by-channel and by-region tallies); never shown.</summary>
public sealed class RecordedVote
{
    public int Option { get; set; }

    public string Channel { get; set; } = "";

    public string? RegionCode { get; set; }

    public DateTimeOffset CastAt { get; set; }

    /// <summary>When this voter changed their vote recently (for the throttle); pruned to the throttle window.</summary>
    public List<DateTimeOffset> RecentChanges { get; set; } = [];
}
