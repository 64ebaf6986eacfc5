namespace Lapor.Hub.Reports.ReadModel;

/// <summary>How many reports carry one label (a category or agency code).</summary>
public sealed record LabelCount(string Code, int Count);

/// <summary>
/// An agency's follow-ups against its deadline: followed up in time, followed up late, past due without a follow-up,
/// and still within the deadline.
/// </summary>
public sealed record FollowUpRecord(string AgencyCode, int OnTime, int Late, int Missed, int Waiting)
{
    /// <summary>In time out of every report whose deadline is settled (followed up, or past due); null when none is.</summary>
    public double? OnTimeRate => OnTime + Late + Missed == 0 ? null : (double)OnTime / (OnTime + Late + Missed);
}

public enum DueWindow { PastDue, WithinDay, Later }

/// <summary>Pending deadlines of one kind for one agency (<see cref="AgencyCode"/> is null for verification, which is the admins' work).</summary>
public sealed record DeadlineLoad(DeadlineKind Kind, string? AgencyCode, int PastDue, int WithinDay, int Later);

/// <summary>A report whose pending deadline is past or near.</summary>
public sealed record DueReport(string TrackingId, DeadlineKind Kind, string? AgencyCode, DateTimeOffset DueAt, DueWindow Window, string Summary);

/// <summary>Figures over the query table, computed by the database (GROUP BY), never by loading reports.</summary>
public interface IReportStatistics
{
    /// <summary>Published reports per category, most first.</summary>
    Task<IReadOnlyList<LabelCount>> PublishedByCategoryAsync(CancellationToken cancellationToken = default);

    /// <summary>Published reports per agency, most first.</summary>
    Task<IReadOnlyList<LabelCount>> PublishedByAgencyAsync(CancellationToken cancellationToken = default);

    /// <summary>Forwarded reports per agency (secret ones included: only counts leave the database).</summary>
    Task<IReadOnlyList<FollowUpRecord>> FollowUpRecordsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Pending verification and follow-up deadlines by kind and agency, in windows relative to <paramref name="now"/>.</summary>
    Task<IReadOnlyList<DeadlineLoad>> DeadlineLoadAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Reports past due or due within a day, oldest due first.</summary>
    Task<IReadOnlyList<DueReport>> DueSoonAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);
}
