using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Routing;

namespace Lapor.Hub.Web.Reports;

/// <summary>Who is reading. Privacy is decided here, once, for every report response.</summary>
public enum Audience { Public, Reporter, Operator }

public sealed record FiledReportResponse(string TrackingId, ReportStatus Status, DateTimeOffset VerificationDueAt, string? ReporterKey, string Location);

public sealed record DeadlineResponse(DeadlineKind Kind, DateTimeOffset DueAt, string TimeZone, bool IsMissed, DateTimeOffset? MissedAt, bool IsPaused);

public sealed record ActorResponse(ActorKind Kind, string? Id, string? AgencyCode);

/// <summary>How the message telling the citizen about a history entry fared in their channel.</summary>
public sealed record DeliveryResponse(string Channel, NotificationStatus Status, DateTimeOffset At, int Attempts, string? Error);

public sealed record EventResponse(
    int Sequence, DateTimeOffset At, ReportEventKind Kind, ActorResponse Actor, ReportStatus StatusAfter, string? Text,
    DeadlineKind? Deadline, string? AgencyCode, string? CategoryCode, RejectionReason? Rejection, string? DuplicateOf,
    DeliveryResponse? Delivery);

public sealed record ReporterResponse(string Channel, string? Address, string? Name);

public sealed record ReportResponse(
    string TrackingId,
    ReportStatus Status,
    bool IsPublished,
    bool IsAnonymous,
    bool IsSecret,
    DateTimeOffset FiledAt,
    string? Title,
    string? Text,
    LocationInput? Location,
    string? RegionCode,
    IReadOnlyList<string>? Media,
    string? AgencyCode,
    string? CategoryCode,
    bool IsOverdue,
    IReadOnlyList<DeadlineResponse> Deadlines,
    IReadOnlyList<EventResponse>? History,
    ReporterResponse? Reporter,
    IReadOnlyList<string>? ScheduledReminders,
    RoutingSuggestion? Suggestion)
{
    /// <summary>
    /// Before forwarding, the public sees only where a report stands (its text is unverified and may hold
    /// personal details); the reporter's identity is shown to the reporter and operators only, and never
    /// names a citizen in the thread of an anonymous report to anyone else.
    /// </summary>
    public static ReportResponse For(ReportView report, Audience audience, IReadOnlyList<string>? reminders = null)
    {
        var showContent = audience != Audience.Public || report.IsPublished;
        var submission = report.Submission;
        return new ReportResponse(
            Tracking.TrackingId.Parse(report.TrackingId).ToDisplayString(), report.Status, report.IsPublished, submission.IsAnonymous,
            submission.IsSecret, report.FiledAt,
            showContent ? submission.Title : null,
            showContent ? submission.Text : null,
            showContent && submission.Location is { } p ? new LocationInput(p.Latitude, p.Longitude) : null,
            showContent ? submission.RegionCode : null,
            showContent ? (submission.MediaIds ?? []).Select(id => $"/media/{id}").ToArray() : null,
            report.AgencyCode, report.CategoryCode, report.IsOverdue,
            report.Deadlines.Select(d => new DeadlineResponse(d.Kind, d.DueAt, d.TimeZone, d.IsMissed, d.MissedAt, d.IsPaused)).ToArray(),
            showContent ? report.History.Select(e => Event(e, audience, report.Deliveries)).ToArray() : null,
            audience == Audience.Public ? null : new ReporterResponse(submission.Channel, submission.ReporterAddress, submission.ReporterName),
            audience == Audience.Operator ? reminders : null,
            audience == Audience.Operator ? report.Suggestion : null);
    }

    private static EventResponse Event(ReportEvent e, Audience audience, IReadOnlyList<NotificationDelivery> deliveries)
    {
        // Only operators see who acted; the public and the reporter see the role. Deliveries are not for the public.
        var actorId = audience == Audience.Operator ? e.Actor.Id : null;
        var delivery = audience == Audience.Public ? null : deliveries.FirstOrDefault(d => d.Sequence == e.Sequence);
        return new EventResponse(e.Sequence, e.At, e.Kind, new ActorResponse(e.Actor.Kind, actorId, e.Actor.AgencyCode),
            e.StatusAfter, e.Text, e.Deadline, e.AgencyCode, e.CategoryCode, e.Rejection, e.DuplicateOf,
            delivery is null ? null : new DeliveryResponse(delivery.Channel, delivery.Status, delivery.At, delivery.Attempts, delivery.Error));
    }
}

public sealed record ReportListItem(
    string TrackingId, ReportStatus Status, string Summary, string? AgencyCode, string? CategoryCode, string? RegionCode,
    DateTimeOffset FiledAt, DateTimeOffset UpdatedAt, DeadlineKind? DueKind, DateTimeOffset? DueAt, bool IsOverdue, bool IsSecret)
{
    public static ReportListItem From(ReportIndexEntry e) => new(
        Tracking.TrackingId.Parse(e.TrackingId).ToDisplayString(), e.Status, e.Summary, e.AgencyCode, e.CategoryCode, e.RegionCode,
        e.FiledAt, e.UpdatedAt, e.DueKind, e.DueAt, e.IsOverdue, e.IsSecret);
}

public sealed record ReportListResponse(IReadOnlyList<ReportListItem> Items, int Total, int Page, int PageSize);
