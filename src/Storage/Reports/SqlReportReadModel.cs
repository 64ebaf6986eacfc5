using System.Data.Common;
using System.Globalization;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Storage.Sqlite.Writer;
using Microsoft.Data.Sqlite;

namespace Lapor.Hub.Storage.Reports;

/// <summary>The report query table on SQLite or PostgreSQL (the SQL is the same; only timestamps are bound differently).</summary>
public sealed class SqlReportReadModel(IHubDatabase database) : IReportReadModel, IReportQueries
{
    private const string Columns =
        "tracking_id, version, status, agency_code, category_code, region_code, latitude, longitude, channel, " +
        "is_secret, is_anonymous, is_published, summary, filed_at, updated_at, due_kind, due_at, is_overdue";

    private const string WriteColumns = $"{Columns}, search_text, follow_up_missed, forwarded_at";

    private const string UpsertSql = $"""
        INSERT INTO report_index ({WriteColumns})
        VALUES (@tracking_id, @version, @status, @agency_code, @category_code, @region_code, @latitude, @longitude, @channel,
                @is_secret, @is_anonymous, @is_published, @summary, @filed_at, @updated_at, @due_kind, @due_at, @is_overdue,
                @search_text, @follow_up_missed, @forwarded_at)
        ON CONFLICT (tracking_id) DO UPDATE SET
            version = excluded.version, status = excluded.status, agency_code = excluded.agency_code,
            category_code = excluded.category_code, region_code = excluded.region_code, latitude = excluded.latitude,
            longitude = excluded.longitude, channel = excluded.channel, is_secret = excluded.is_secret,
            is_anonymous = excluded.is_anonymous, is_published = excluded.is_published, summary = excluded.summary,
            filed_at = excluded.filed_at, updated_at = excluded.updated_at, due_kind = excluded.due_kind,
            due_at = excluded.due_at, is_overdue = excluded.is_overdue, search_text = excluded.search_text,
            follow_up_missed = excluded.follow_up_missed, forwarded_at = excluded.forwarded_at
        WHERE report_index.version < excluded.version
        """;

    public async Task UpsertAsync(ReportIndexEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        BindUpsert(command, entry);
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (entry.MediaIds is { Count: > 0 } mediaIds)
        {
            await SqlReportMediaOwners.RecordAsync(connection, entry.TrackingId, mediaIds, cancellationToken);
        }
    }

    /// <summary>On the embedded SQLite database the row rides with the report's state write (ADR 39); a row naming photos does not.</summary>
    public IndexWithState WriteWithNextState(ReportIndexEntry entry)
    {
        if (database.Provider != HubStorageProvider.Sqlite || entry.MediaIds is { Count: > 0 })
        {
            return IndexWithState.NotOffered;
        }

        using var command = new SqliteCommand();
        BindUpsert(command, entry);
        var parameters = command.Parameters.Cast<SqliteParameter>().ToArray();
        command.Parameters.Clear();
        return new SqliteIndexWithState(new WriteCompanion(UpsertSql, parameters));
    }

    private void BindUpsert(DbCommand command, ReportIndexEntry entry)
    {
        command.CommandText = UpsertSql;
        command.Bind("tracking_id", entry.TrackingId);
        command.Bind("version", entry.Version);
        command.Bind("status", entry.Status.ToString());
        command.Bind("agency_code", entry.AgencyCode);
        command.Bind("category_code", entry.CategoryCode);
        command.Bind("region_code", entry.RegionCode);
        command.Bind("latitude", entry.Latitude);
        command.Bind("longitude", entry.Longitude);
        command.Bind("channel", entry.Channel);
        command.Bind("is_secret", entry.IsSecret);
        command.Bind("is_anonymous", entry.IsAnonymous);
        command.Bind("is_published", entry.IsPublished);
        command.Bind("summary", entry.Summary);
        command.Bind("filed_at", database.Timestamp(entry.FiledAt));
        command.Bind("updated_at", database.Timestamp(entry.UpdatedAt));
        command.Bind("due_kind", entry.DueKind?.ToString());
        command.Bind("due_at", entry.DueAt is { } due ? database.Timestamp(due) : null);
        command.Bind("is_overdue", entry.IsOverdue);
        command.Bind("search_text", entry.SearchText);
        command.Bind("follow_up_missed", entry.FollowUpMissed);
        command.Bind("forwarded_at", entry.ForwardedAt is { } forwarded ? database.Timestamp(forwarded) : null);
    }

    public async Task<ReportPage> ListAsync(ReportListQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, ReportListQuery.MaxPageSize);
        var page = Math.Max(query.Page, 1);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var count = connection.CreateCommand();
        var where = Filter(count, query);
        count.CommandText = $"SELECT COUNT(*) FROM report_index{where}";
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        await using var select = connection.CreateCommand();
        Filter(select, query);
        var order = query.Order == ReportOrder.DueSoonestFirst
            ? "CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, filed_at"
            : "filed_at DESC";
        select.CommandText = $"SELECT {Columns}, follow_up_missed, forwarded_at FROM report_index{where} ORDER BY {order}, tracking_id LIMIT @limit OFFSET @offset";
        select.Bind("limit", pageSize);
        select.Bind("offset", (page - 1) * pageSize);
        var items = new List<ReportIndexEntry>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        return new ReportPage(items, total, page, pageSize);
    }

    public async Task<IReadOnlyDictionary<ReportStatus, int>> CountByStatusAsync(string? agencyCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = Filter(command, new ReportListQuery(AgencyCode: agencyCode, PublishedOnly: false));
        command.CommandText = $"SELECT status, COUNT(*) FROM report_index{where} GROUP BY status";
        var counts = Enum.GetValues<ReportStatus>().ToDictionary(s => s, _ => 0);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[Enum.Parse<ReportStatus>(reader.GetString(0))] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    private static string Filter(DbCommand command, ReportListQuery query)
    {
        var conditions = new List<string>();
        void Add(string column, string name, object? value)
        {
            if (value is not null)
            {
                conditions.Add($"{column} = @{name}");
                command.Bind(name, value);
            }
        }

        Add("status", "f_status", query.Status?.ToString());
        Add("agency_code", "f_agency", query.AgencyCode);
        Add("category_code", "f_category", query.CategoryCode);
        Add("region_code", "f_region", query.RegionCode);
        Add("is_overdue", "f_overdue", query.Overdue);
        if (query.PublishedOnly)
        {
            Add("is_published", "f_published", true);
        }

        if (query.LocatedOnly)
        {
            // A report placed only by its region is shown at the region's point (see MapPoint).
            conditions.Add("((latitude IS NOT NULL AND longitude IS NOT NULL) OR region_code IS NOT NULL)");
        }

        if (query.StatusIn is { Count: > 0 } statuses)
        {
            conditions.Add($"status IN ({string.Join(", ", statuses.Select((_, i) => $"@f_status_{i}"))})");
            for (var i = 0; i < statuses.Count; i++)
            {
                command.Bind($"f_status_{i}", statuses[i].ToString());
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Every word anywhere in the title or text, any case; LIKE wildcards typed by the user are taken literally.
            // Rows written before search_text existed fall back to their summary until their next change.
            var words = query.Search.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5).ToArray();
            for (var i = 0; i < words.Length; i++)
            {
                conditions.Add($"COALESCE(search_text, LOWER(summary)) LIKE @f_search_{i} ESCAPE '\\'");
                command.Bind($"f_search_{i}", "%" + words[i].Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
            }
        }

        return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
    }

    private static ReportIndexEntry Read(DbDataReader r) => new(
        r.GetString(0), r.GetInt32(1), Enum.Parse<ReportStatus>(r.GetString(2)), r.GetNullableString(3), r.GetNullableString(4),
        r.GetNullableString(5), r.IsDBNull(6) ? null : r.GetDouble(6), r.IsDBNull(7) ? null : r.GetDouble(7), r.GetString(8),
        r.GetBoolean(9), r.GetBoolean(10), r.GetBoolean(11), r.GetString(12), r.GetTimestamp(13), r.GetTimestamp(14),
        r.IsDBNull(15) ? null : Enum.Parse<DeadlineKind>(r.GetString(15)), r.IsDBNull(16) ? null : r.GetTimestamp(16),
        r.GetBoolean(17), FollowUpMissed: r.GetBoolean(18), ForwardedAt: r.IsDBNull(19) ? null : r.GetTimestamp(19));

    private sealed class SqliteIndexWithState(WriteCompanion companion) : IndexWithState
    {
        public override bool Written => companion.Written;

        public override void Dispose() => companion.Dispose();
    }
}
