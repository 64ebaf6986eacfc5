using System.Globalization;
using System.Text;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Tracking;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;
using Lapor.Hub.Web.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lapor.Hub.Web.Reports;

/// <summary>
/// The list as a CSV file, for spreadsheets and open data: the same filters and the same <see cref="ReportListScope"/>
/// as every other list (the public gets published reports, an officer their agency's, admins everything). It is built
/// from the query table, which holds no reporter identity, so no export can carry one.
/// </summary>
public static class ReportExport
{
    public const int MaxRows = 10_000;

    private static readonly string[] Header =
    [
        "tracking_id", "status", "category_code", "category", "agency_code", "agency", "region_code", "filed_at", "updated_at",
        "due_kind", "due_at", "is_overdue", "summary",
    ];

    public static IEndpointRouteBuilder MapReportExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/export.csv", ExportAsync).WithTags("Reports").RequireRateLimiting(PublicRateLimits.Reading);
        return app;
    }

    private static async Task ExportAsync(
        HttpContext http, IReportQueries queries, ReportReader reader, ReportLabels labels,
        ReportStatus? status, string? agency, string? category, string? region, bool? overdue, string? q)
    {
        var scoped = ReportListScope.For(reader.ViewerOf(http), new ReportListQuery(status, agency, category, region, overdue,
            PublishedOnly: true, PageSize: ReportListQuery.MaxPageSize, Search: q is { Length: <= ReportListQuery.MaxSearchLength } ? q : null));
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"laporan-{DateTime.UtcNow:yyyyMMdd}.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        var csv = new StringBuilder().Append('\uFEFF').AppendJoin(',', Header).Append("\r\n");
        for (var page = 1; (page - 1) * ReportListQuery.MaxPageSize < MaxRows; page++)
        {
            var rows = await queries.ListAsync(scoped with { Page = page }, http.RequestAborted);
            foreach (var row in rows.Items)
            {
                AppendRow(csv, row, labels);
            }

            await http.Response.WriteAsync(csv.ToString(), http.RequestAborted);
            csv.Clear();
            if (page * ReportListQuery.MaxPageSize >= rows.Total)
            {
                break;
            }
        }
    }

    private static void AppendRow(StringBuilder csv, ReportIndexEntry row, ReportLabels labels)
    {
        string?[] cells =
        [
            TrackingId.Parse(row.TrackingId).ToDisplayString(), row.Status.ToString(), row.CategoryCode,
            labels.Category(row.CategoryCode), row.AgencyCode, labels.Agency(row.AgencyCode), row.RegionCode, Instant(row.FiledAt),
            Instant(row.UpdatedAt), row.DueKind?.ToString(), row.DueAt is { } due ? Instant(due) : null,
            row.IsOverdue ? "true" : "false", row.Summary,
        ];
        csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Every text cell is quoted (RFC 4180), and every formula start (= + - @) is prefixed with an apostrophe — at the start
    /// of the cell and after each separator or line break inside it, because a spreadsheet in the Indonesian locale splits
    /// on ';' and one that ignores the quotes would start a new cell there.
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var cell = new StringBuilder(value.Length + 8).Append('"');
        var atCellStart = true;
        foreach (var c in value)
        {
            if (atCellStart && c is '=' or '+' or '-' or '@')
            {
                cell.Append('\'');
            }

            if (c == '"')
            {
                cell.Append('"');
            }

            cell.Append(c);
            // Spaces before a formula do not stop a spreadsheet from running it.
            atCellStart = c is ',' or ';' or '\t' or '\r' or '\n' || (atCellStart && c == ' ');
        }

        return cell.Append('"').ToString();
    }
}
