using System.Data.Common;
using System.Globalization;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;

namespace Lapor.Hub.Storage.Reports;

/// <summary>Statistics over <c>report_index</c> on SQLite or PostgreSQL (the same SQL; instants bound through <see cref="HubSql"/>).</summary>
public sealed class SqlReportStatistics(IHubDatabase database) : IReportStatistics
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    // Verification is pending while a report waits for an admin (paused while the citizen is asked); follow-up while it
    // waits for its agency. A missed deadline stays the row's due_kind/due_at, flagged by is_overdue.
    private const string Pending =
        "((status = 'Submitted' AND due_kind = 'Verification') OR (status = 'Forwarded' AND due_kind = 'FollowUp')) AND due_at IS NOT NULL";

    // The reminder that flags a missed deadline may fire a little late; a deadline past its instant is past due either way.
    private const string Window = "CASE WHEN is_overdue = @yes OR due_at <= @now THEN 0 WHEN due_at <= @soon THEN 1 ELSE 2 END";

    public Task<IReadOnlyList<LabelCount>> PublishedByCategoryAsync(CancellationToken cancellationToken = default) =>
        CountPublishedByAsync("category_code", cancellationToken);

    public Task<IReadOnlyList<LabelCount>> PublishedByAgencyAsync(CancellationToken cancellationToken = default) =>
        CountPublishedByAsync("agency_code", cancellationToken);

    public async Task<IReadOnlyList<FollowUpRecord>> FollowUpRecordsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT agency_code,
                   SUM(CASE WHEN status <> 'Forwarded' AND follow_up_missed <> @yes THEN 1 ELSE 0 END),
                   SUM(CASE WHEN status <> 'Forwarded' AND follow_up_missed = @yes THEN 1 ELSE 0 END),
                   SUM(CASE WHEN status = 'Forwarded' AND (is_overdue = @yes OR due_at <= @now) THEN 1 ELSE 0 END),
                   SUM(CASE WHEN status = 'Forwarded' AND NOT (is_overdue = @yes OR due_at <= @now) THEN 1 ELSE 0 END)
            FROM report_index
            WHERE status IN ('Forwarded', 'FollowedUp', 'Closed') AND agency_code IS NOT NULL
            GROUP BY agency_code
            ORDER BY agency_code
            """;
        BindWindow(command, now);
        var records = new List<FollowUpRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new FollowUpRecord(reader.GetString(0), Int(reader, 1), Int(reader, 2), Int(reader, 3), Int(reader, 4)));
        }

        return records;
    }

    public async Task<IReadOnlyList<DeadlineLoad>> DeadlineLoadAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT due_kind, agency_code, due_window, COUNT(*)
            FROM (SELECT due_kind, agency_code, {Window} AS due_window FROM report_index WHERE {Pending}) AS pending
            GROUP BY due_kind, agency_code, due_window
            """;
        BindWindow(command, now);
        var counts = new Dictionary<(DeadlineKind Kind, string? Agency), int[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (Enum.Parse<DeadlineKind>(reader.GetString(0)), reader.GetNullableString(1));
            if (!counts.TryGetValue(key, out var windows))
            {
                counts[key] = windows = new int[3];
            }

            windows[Int(reader, 2)] = Int(reader, 3);
        }

        return counts
            .Select(c => new DeadlineLoad(c.Key.Kind, c.Key.Agency, c.Value[0], c.Value[1], c.Value[2]))
            .OrderBy(l => l.Kind).ThenBy(l => l.AgencyCode, StringComparer.Ordinal)
            .ToArray();
    }

    public async Task<IReadOnlyList<DueReport>> DueSoonAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT tracking_id, due_kind, agency_code, due_at, {Window}, summary
            FROM report_index
            WHERE {Pending} AND (is_overdue = @yes OR due_at <= @soon)
            ORDER BY due_at, tracking_id
            LIMIT @limit
            """;
        BindWindow(command, now);
        command.Bind("limit", Math.Clamp(limit, 1, ReportListQuery.MaxPageSize));
        var reports = new List<DueReport>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            reports.Add(new DueReport(reader.GetString(0), Enum.Parse<DeadlineKind>(reader.GetString(1)), reader.GetNullableString(2),
                reader.GetTimestamp(3), (DueWindow)Int(reader, 4), reader.GetString(5)));
        }

        return reports;
    }

    private async Task<IReadOnlyList<LabelCount>> CountPublishedByAsync(string column, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {column}, COUNT(*) FROM report_index
            WHERE is_published = @yes AND {column} IS NOT NULL
            GROUP BY {column}
            ORDER BY COUNT(*) DESC, {column}
            """;
        command.Bind("yes", true);
        var counts = new List<LabelCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new LabelCount(reader.GetString(0), Int(reader, 1)));
        }

        return counts;
    }

    private void BindWindow(DbCommand command, DateTimeOffset now)
    {
        command.Bind("yes", true);
        command.Bind("now", database.Timestamp(now));
        command.Bind("soon", database.Timestamp(now + Day));
    }

    private static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
