using Lapor.Hub.Reports.Access;
using Lapor.Hub.Reports;
using Lapor.Hub.Tracking;
using Lapor.Hub.Web.Operators;
using Microsoft.AspNetCore.Http;

namespace Lapor.Hub.Web.Privacy;

/// <summary>A report as one viewer may see it.</summary>
public sealed record VisibleReport(ReportView Report, Viewer Viewer)
{
    public bool ShowsContent => ReportAccess.SeesContent(Report, Viewer);

    public bool ShowsReporterName => ReportAccess.SeesReporterName(Report, Viewer);

    public bool ShowsReporterAddress => ReportAccess.SeesReporterAddress(Viewer);

    public bool ShowsWorkings => ReportAccess.SeesWorkings(Viewer);

    public bool ShowsTextOf(ReportEvent entry) => ReportAccess.SeesEventText(entry, Viewer);

    public bool CanPostFollowUp => ReportAccess.CanPostFollowUp(Report, Viewer);
}

/// <summary>
/// The one way pages and the API open a single report: it works out who is asking, applies <see cref="ReportAccess"/>,
/// and records every opening of a secret report. A report the viewer may not see looks exactly like one that does not exist.
/// </summary>
public sealed class ReportReader(IGrainFactory grains, SecretAccessAudit audit, OperatorKey operatorKey)
{
    public async Task<VisibleReport?> ReadAsync(HttpContext http, TrackingId id, string? reporterKey = null)
    {
        var grain = grains.GetReport(id);
        var report = await grain.Get();
        if (report is null)
        {
            return null;
        }

        var viewer = await ViewerOf(http, grain, id, reporterKey);
        if (!ReportAccess.CanSee(report, viewer))
        {
            return null;
        }

        if (ReportAccess.IsAudited(report, viewer))
        {
            await audit.RecordAsync(report.TrackingId, viewer, $"{http.Request.Method} {http.Request.Path}", http.RequestAborted);
        }

        return new VisibleReport(report, viewer);
    }

    /// <summary>Who is asking, without a particular report in mind (lists, search, the map).</summary>
    public Viewer ViewerOf(HttpContext http) =>
        AccountViewer.FromAccount(http.User) ?? (operatorKey.IsPresentedBy(http) ? Viewer.OperatorKey : Viewer.Public);

    /// <summary>A signed-in account or the operator key first; otherwise a valid reporter key makes the reporter.</summary>
    public async Task<Viewer> ViewerOf(HttpContext http, IReportGrain grain, TrackingId id, string? reporterKey = null)
    {
        var known = ViewerOf(http);
        if (known.Kind != ViewerKind.Public)
        {
            return known;
        }

        reporterKey ??= http.Request.Headers[Reports.ReportEndpoints.ReporterKeyHeader].ToString();
        return reporterKey.Length is > 0 and <= 200 && await grain.IsReporter(reporterKey.Trim()) ? Viewer.Reporter(id.Value) : Viewer.Public;
    }
}
