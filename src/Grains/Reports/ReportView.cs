namespace Lapor.Hub.Reports;

/// <summary>Everything about one report, as the grain returns it. Callers choose what each audience may see.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.ReportView")]
public sealed record ReportView(
    [property: Id(0)] string TrackingId,
    [property: Id(1)] int Version,
    [property: Id(2)] ReportStatus Status,
    [property: Id(3)] ReportSubmission Submission,
    [property: Id(4)] DateTimeOffset FiledAt,
    [property: Id(5)] string? AgencyCode,
    [property: Id(6)] string? CategoryCode,
    [property: Id(7)] IReadOnlyList<Deadline> Deadlines,
    [property: Id(8)] IReadOnlyList<ReportEvent> History,
    [property: Id(9)] Routing.RoutingSuggestion? Suggestion,
    [property: Id(10)] IReadOnlyList<NotificationDelivery> Deliveries)
{
    public bool IsOverdue => Deadlines.Any(d => d.IsMissed);

    /// <summary>Forwarding publishes a report unless it is secret.</summary>
    public bool IsPublished => Status.IsPastForwarding() && !Submission.IsSecret;

    public Deadline? Deadline(DeadlineKind kind) => Deadlines.FirstOrDefault(d => d.Kind == kind);

    public static ReportView From(ReportState state) => new(
        state.TrackingId!, state.Version, state.Status, state.Submission!, state.FiledAt, state.AgencyCode,
        state.CategoryCode, state.Deadlines.ToArray(), state.History.ToArray(), state.Suggestion,
        state.Deliveries.Values.OrderBy(d => d.Sequence).ToArray());

    /// <summary>The admin's confirmed routing as a training example; null before forwarding and for secret reports.</summary>
    public Routing.RoutingFeedback? ToRoutingFeedback()
    {
        var forwarded = History.LastOrDefault(e => e.Kind == ReportEventKind.Forwarded);
        if (forwarded is null || Submission.IsSecret || AgencyCode is null || CategoryCode is null)
        {
            return null;
        }

        return new Routing.RoutingFeedback(TrackingId, Version, Submission.Text, Submission.RegionCode, CategoryCode, AgencyCode,
            forwarded.At, Suggestion?.Categories.FirstOrDefault()?.Label, Suggestion?.Agencies.FirstOrDefault()?.Label,
            Suggestion?.ModelVersion);
    }
}

/// <summary>The answer to filing: the report, and — once, to the reporter only — the key that proves they filed it.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.FiledReport")]
public sealed record FiledReport(
    [property: Id(0)] ReportView Report,
    [property: Id(1)] string? ReporterKey,
    [property: Id(2)] bool WasAlreadyFiled);
