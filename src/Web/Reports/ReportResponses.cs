using Lapor.Hub.Regions;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Routing;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;

namespace Lapor.Hub.Web.Reports;

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
    /// <summary>Builds the response from what <see cref="ReportAccess"/> lets this viewer see; nothing else decides it.</summary>
    public static ReportResponse For(VisibleReport visible, IReadOnlyList<string>? reminders = null)
    {
        var report = visible.Report;
        var showContent = visible.ShowsContent;
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
            showContent ? report.History.Select(e => Event(e, visible, report.Deliveries)).ToArray() : null,
            visible.ShowsReporterName
                ? new ReporterResponse(submission.Channel, visible.ShowsReporterAddress ? submission.ReporterAddress : null, submission.ReporterName)
                : null,
            visible.ShowsWorkings ? reminders : null,
            visible.ShowsWorkings ? report.Suggestion : null);
    }

    private static EventResponse Event(ReportEvent e, VisibleReport visible, IReadOnlyList<NotificationDelivery> deliveries)
    {
        // Only admins see who acted and how each message fared; everyone else sees the role.
        var actorId = visible.ShowsWorkings ? e.Actor.Id : null;
        var delivery = visible.ShowsReporterAddress ? deliveries.FirstOrDefault(d => d.Sequence == e.Sequence) : null;
        return new EventResponse(e.Sequence, e.At, e.Kind, new ActorResponse(e.Actor.Kind, actorId, e.Actor.AgencyCode),
            e.StatusAfter, visible.ShowsTextOf(e) ? e.Text : null, e.Deadline, e.AgencyCode, e.CategoryCode, e.Rejection, e.DuplicateOf,
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

/// <summary>
/// One published report on the public map: where, what, and its state; no text beyond the summary. A report placed
/// only by a typed place that named a region sits at the region's point, marked <see cref="Approximate"/>.
/// </summary>
public sealed record MapPoint(
    string TrackingId, double Latitude, double Longitude, ReportStatus Status, string? CategoryCode, string? AgencyCode, string Summary,
    bool Approximate = false)
{
    /// <summary>Null for a report with neither a point nor a known region.</summary>
    public static MapPoint? From(ReportIndexEntry e, RegionCatalog regions)
    {
        var display = Tracking.TrackingId.Parse(e.TrackingId).ToDisplayString();
        if (e is { Latitude: { } latitude, Longitude: { } longitude })
        {
            return new MapPoint(display, latitude, longitude, e.Status, e.CategoryCode, e.AgencyCode, e.Summary);
        }

        return e.RegionCode is { } code && regions.Find(code) is { } region
            ? new MapPoint(display, region.Latitude, region.Longitude, e.Status, e.CategoryCode, e.AgencyCode, e.Summary, Approximate: true)
            : null;
    }
}
