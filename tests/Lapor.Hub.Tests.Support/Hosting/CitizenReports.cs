using System.Net;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Console.Public;

internal sealed record FiledReport(string TrackingId, string ReporterKey);

/// <summary>Reports filed, forwarded and answered through the real API, as citizens, admins and agencies do.</summary>
internal static class CitizenReports
{
    public const string ReporterName = "Siti";
    public const string ReporterAddress = "tg:1001";

    /// <summary><see cref="ApiJson.Report"/> with a title of the test's choosing, so a search can find it.</summary>
    public static object Body(string title, string text, bool secret = false, bool anonymous = false) =>
        ApiJson.Report(text, secret, anonymous, title);

    public static Task<FiledReport> FileAsync(this InProcessHub hub, string title, string text, bool secret = false, bool anonymous = false) =>
        hub.FileAsync(Body(title, text, secret, anonymous));

    public static async Task<FiledReport> FileAsync(this InProcessHub hub, object body)
    {
        using var response = await hub.Public.PostJsonAsync("/api/reports", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.ReadJsonAsync();
        return new FiledReport(json.GetProperty("trackingId").GetString()!, json.GetProperty("reporterKey").GetString()!);
    }

    public static async Task ForwardAsync(this InProcessHub hub, FiledReport report, string categoryCode, string agencyCode)
    {
        using var response = await hub.Operator.PostJsonAsync($"/api/reports/{report.TrackingId}/forward", new { categoryCode, agencyCode });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task FollowUpAsync(this InProcessHub hub, FiledReport report, string agencyCode, string text)
    {
        using var response = await hub.Operator.PostJsonAsync($"/api/reports/{report.TrackingId}/follow-ups", new { agencyCode, text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task ReplyAsync(this InProcessHub hub, FiledReport report, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/{report.TrackingId}/replies")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { text }, options: ApiJson.Options),
        };
        request.Headers.Add(Web.Reports.ReportEndpoints.ReporterKeyHeader, report.ReporterKey);
        using var response = await hub.Public.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// What the report grain writes to the query table when a deadline's reminder fires: the same deadline, now missed.
    /// Tests cannot wait working days for a real reminder, so they write that row themselves.
    /// </summary>
    public static async Task MarkDeadlineMissedAsync(this InProcessHub hub, FiledReport report, DateTimeOffset dueAt)
    {
        var queries = hub.Services.GetRequiredService<IReportQueries>();
        var all = await queries.ListAsync(ReportListScope.For(Viewer.OperatorKey, new ReportListQuery(PageSize: ReportListQuery.MaxPageSize)));
        var canonical = Lapor.Hub.Tracking.TrackingId.Parse(report.TrackingId).Value;
        var row = Assert.Single(all.Items, e => e.TrackingId == canonical);
        await hub.Services.GetRequiredService<IReportReadModel>()
            .UpsertAsync(row with { Version = row.Version + 1, DueAt = dueAt, IsOverdue = true });
    }
}
