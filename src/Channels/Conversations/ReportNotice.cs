using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>A history entry of a report, as the citizen's conversation needs it to tell them about it.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.ReportNotice")]
public sealed record ReportNotice(
    [property: Id(0)] string TrackingId,
    [property: Id(1)] int Sequence,
    [property: Id(2)] ReportEventKind Kind,
    [property: Id(3)] string? Text,
    [property: Id(4)] string? AgencyName,
    [property: Id(5)] DateTimeOffset? DueAt,
    [property: Id(6)] string? DueTimeZone,
    [property: Id(7)] RejectionReason? Rejection,
    [property: Id(8)] string? DuplicateOf,
    [property: Id(9)] IReadOnlyList<MediaFile>? Media = null,
    [property: Id(10)] string? AgencyCode = null);
