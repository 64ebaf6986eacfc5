namespace Lapor.Hub.Reports;

public enum DeadlineKind
{
    /// <summary>Verify and forward within 3 working days of filing.</summary>
    Verification,
    /// <summary>The agency follows up within 5 working days of forwarding.</summary>
    FollowUp,
    /// <summary>Close 10 working days after the last follow-up or reply.</summary>
    Closing,
}

/// <summary>One deadline of a report. <see cref="DueAt"/> is exclusive: overdue when now &gt;= DueAt.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.Deadline")]
public sealed record Deadline(
    [property: Id(0)] DeadlineKind Kind,
    [property: Id(1)] DateTimeOffset DueAt,
    [property: Id(2)] string TimeZone,
    [property: Id(3)] DateTimeOffset? MissedAt = null,
    [property: Id(4)] DateTimeOffset? PausedAt = null)
{
    public bool IsMissed => MissedAt is not null;

    public bool IsPaused => PausedAt is not null;

    public bool IsDue(DateTimeOffset now) => !IsPaused && now >= DueAt;
}
