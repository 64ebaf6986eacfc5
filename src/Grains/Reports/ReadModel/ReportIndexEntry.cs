namespace Lapor.Hub.Reports.ReadModel;

/// <summary>One row of the report query table: what lists, filters and counts need, nothing more.</summary>
public sealed record ReportIndexEntry(
    string TrackingId,
    int Version,
    ReportStatus Status,
    string? AgencyCode,
    string? CategoryCode,
    string? RegionCode,
    double? Latitude,
    double? Longitude,
    string Channel,
    bool IsSecret,
    bool IsAnonymous,
    bool IsPublished,
    string Summary,
    DateTimeOffset FiledAt,
    DateTimeOffset UpdatedAt,
    DeadlineKind? DueKind,
    DateTimeOffset? DueAt,
    bool IsOverdue,
    string SearchText = "",
    bool FollowUpMissed = false,
    DateTimeOffset? ForwardedAt = null,
    IReadOnlyList<string>? MediaIds = null)
{
    private const int SummaryLength = 120;

    /// <summary>Search covers the title and the whole text, lower-cased; the text is already bounded by the submission rules.</summary>
    public static string SearchTextOf(ReportSubmission submission) =>
        $"{submission.Title} {submission.Text}".ReplaceLineEndings(" ").Trim().ToLowerInvariant();

    public static ReportIndexEntry From(ReportView report)
    {
        var next = report.Deadlines.Where(d => !d.IsMissed).OrderBy(d => d.DueAt).FirstOrDefault()
                   ?? report.Deadlines.FirstOrDefault();
        var submission = report.Submission;
        return new ReportIndexEntry(
            report.TrackingId, report.Version, report.Status, report.AgencyCode, report.CategoryCode, submission.RegionCode,
            submission.Location?.Latitude, submission.Location?.Longitude, submission.Channel, submission.IsSecret,
            submission.IsAnonymous, report.IsPublished, Summarize(submission), report.FiledAt,
            report.History[^1].At, next?.Kind, next?.DueAt, report.IsOverdue, SearchTextOf(submission),
            // A follow-up replaces the deadline it answered, so lateness is read from the history, which keeps it.
            report.History.Any(e => e.Kind == ReportEventKind.DeadlineMissed && e.Deadline == DeadlineKind.FollowUp),
            // When it reached its agency: what the agency's queue shows as "received".
            report.History.LastOrDefault(e => e.Kind == ReportEventKind.Forwarded)?.At,
            [.. submission.MediaIds ?? [], .. report.History.SelectMany(e => e.MediaIds ?? [])]);
    }

    private static string Summarize(ReportSubmission submission)
    {
        if (!string.IsNullOrWhiteSpace(submission.Title))
        {
            return submission.Title.Trim();
        }

        var text = submission.Text.Trim().ReplaceLineEndings(" ");
        if (text.Length <= SummaryLength)
        {
            return text;
        }

        // Never cut between the two halves of an emoji: PostgreSQL refuses the lone half.
        var cut = char.IsHighSurrogate(text[SummaryLength - 2]) ? SummaryLength - 2 : SummaryLength - 1;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
