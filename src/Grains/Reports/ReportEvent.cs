namespace Lapor.Hub.Reports;

public enum ReportEventKind
{
    Filed,
    ClarificationRequested,
    ClarificationProvided,
    Forwarded,
    Rejected,
    FollowUpPosted,
    ReplyPosted,
    DeadlineMissed,
    Closed,
}

public enum RejectionReason { Spam, OutOfScope, Duplicate }

/// <summary>
/// One entry of a report's history: who, when, what. The thread of follow-ups and replies is the
/// subset with a <see cref="Text"/>. Entries are never edited or removed.
/// </summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.ReportEvent")]
public sealed record ReportEvent(
    [property: Id(0)] int Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] ReportEventKind Kind,
    [property: Id(3)] Actor Actor,
    [property: Id(4)] ReportStatus StatusAfter,
    [property: Id(5)] string? Text = null,
    [property: Id(6)] DeadlineKind? Deadline = null,
    [property: Id(7)] string? AgencyCode = null,
    [property: Id(8)] string? CategoryCode = null,
    [property: Id(9)] RejectionReason? Rejection = null,
    [property: Id(10)] string? DuplicateOf = null,
    [property: Id(11)] IReadOnlyList<string>? MediaIds = null);
