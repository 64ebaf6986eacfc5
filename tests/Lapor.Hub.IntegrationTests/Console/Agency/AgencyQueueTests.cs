using System.Net;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Console.Agency;

public sealed class AgencyQueueTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [Fact]
    public async Task An_officer_sees_only_the_reports_forwarded_to_their_own_agency()
    {
        var mine = await AgencyReports.FileAndForwardAsync(hub, "Antrean kalibiru", ConsoleHub.AgencyA);
        var other = await AgencyReports.FileAndForwardAsync(hub, "Antrean kalibiru lain", ConsoleHub.AgencyB);
        var unforwarded = await AgencyReports.FileAsync(hub, "Antrean kalibiru baru");

        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        foreach (var tab in new[] { "baru", "terlambat", "ditindaklanjuti", "selesai" })
        {
            var (status, html) = await officer.GetPageAsync($"/instansi?tab={tab}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(tab == "baru", html.Contains(mine.TrackingId, StringComparison.Ordinal));
            Assert.DoesNotContain(other.TrackingId, html, StringComparison.Ordinal);
            Assert.DoesNotContain(unforwarded.TrackingId, html, StringComparison.Ordinal);
        }

        var (_, searched) = await officer.GetPageAsync("/instansi?q=kalibiru");
        Assert.Contains($"href=\"/instansi/laporan/{mine.TrackingId}\"", searched);
        Assert.Contains("(1 laporan)", searched);
        Assert.Matches("Perlu ditindaklanjuti <span class=\"count\">1</span>", searched);
    }

    [Fact]
    public async Task A_followed_up_report_moves_from_awaiting_to_followed_up()
    {
        var report = await AgencyReports.FileAndForwardAsync(hub, "Antrean tanjungsari", ConsoleHub.AgencyA);
        var followUp = await hub.Operator.PostJsonAsync($"/api/reports/{report.TrackingId}/follow-ups",
            new { agencyCode = ConsoleHub.AgencyA, text = "Petugas kebersihan sudah dijadwalkan." });
        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);

        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (_, awaiting) = await officer.GetPageAsync("/instansi?tab=baru&q=tanjungsari");
        Assert.DoesNotContain(report.TrackingId, awaiting);
        var (_, followedUp) = await officer.GetPageAsync("/instansi?tab=ditindaklanjuti&q=tanjungsari");
        Assert.Contains(report.TrackingId, followedUp);
        Assert.Contains("Ditutup otomatis", followedUp);
        Assert.Matches("Sudah ditindaklanjuti <span class=\"count\">1</span>", followedUp);
    }

    [Fact]
    public async Task An_overdue_report_is_listed_and_marked_under_overdue()
    {
        var report = await AgencyReports.FileAndForwardAsync(hub, "Antrean cempaka", ConsoleHub.AgencyA);
        // A missed follow-up deadline takes five working days; the query table is what the queue reads, so mark it there.
        var view = await hub.Services.GetRequiredService<IGrainFactory>().GetReport(TrackingId.Parse(report.TrackingId)).Get();
        var entry = ReportIndexEntry.From(view!);
        await hub.Services.GetRequiredService<IReportReadModel>().UpsertAsync(entry with { Version = entry.Version + 1, IsOverdue = true });

        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (_, awaiting) = await officer.GetPageAsync("/instansi?tab=baru&q=cempaka");
        Assert.DoesNotContain(report.TrackingId, awaiting);
        var (_, overdue) = await officer.GetPageAsync("/instansi?tab=terlambat&q=cempaka");
        Assert.Matches($@"<tr class=""overdue"">\s*<td><a href=""/instansi/laporan/{report.TrackingId}""", overdue);
        Assert.Contains("<span class=\"badge overdue\">Lewat tenggat</span>", overdue);
        Assert.Matches("Lewat tenggat <span class=\"count\">1</span>", overdue);
    }

    [Fact]
    public async Task Another_agency_s_report_is_exactly_as_absent_as_a_report_that_does_not_exist()
    {
        var other = await AgencyReports.FileAndForwardAsync(hub, "Rahasia kemenkes", ConsoleHub.AgencyB);
        var unforwarded = await AgencyReports.FileAsync(hub, "Belum diteruskan");
        var missing = TrackingId.NewId().ToDisplayString();

        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (otherStatus, otherHtml) = await officer.GetPageAsync($"/instansi/laporan/{other.TrackingId}");
        var (missingStatus, missingHtml) = await officer.GetPageAsync($"/instansi/laporan/{missing}");
        var (unforwardedStatus, unforwardedHtml) = await officer.GetPageAsync($"/instansi/laporan/{unforwarded.TrackingId}");
        var (guessedStatus, _) = await officer.GetPageAsync($"/instansi/laporan/{TrackingId.Parse(other.TrackingId).Value}");

        Assert.Equal(HttpStatusCode.NotFound, otherStatus);
        Assert.Equal(HttpStatusCode.NotFound, missingStatus);
        Assert.Equal(HttpStatusCode.NotFound, unforwardedStatus);
        Assert.Equal(HttpStatusCode.NotFound, guessedStatus);
        Assert.Equal(WithoutToken(missingHtml.Replace(missing, "ID")), WithoutToken(otherHtml.Replace(other.TrackingId, "ID")));
        Assert.Equal(WithoutToken(missingHtml.Replace(missing, "ID")), WithoutToken(unforwardedHtml.Replace(unforwarded.TrackingId, "ID")));
        Assert.DoesNotContain("Rahasia kemenkes", otherHtml);

        using var owner = await hub.SignInAsync(ConsoleHub.OfficerB);
        var (ownerStatus, ownerHtml) = await owner.GetPageAsync($"/instansi/laporan/{other.TrackingId}");
        Assert.Equal(HttpStatusCode.OK, ownerStatus);
        Assert.Contains("Rahasia kemenkes", ownerHtml);
    }

    [Theory]
    [InlineData("/instansi")]
    [InlineData("/instansi/laporan/ABCD-EFGH-JKM")]
    public async Task Officer_pages_send_anonymous_visitors_to_sign_in(string path)
    {
        using var visitor = hub.NewClient();
        using var response = await visitor.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/masuk", AgencyReports.PathOf(response));
    }

    [Theory]
    [InlineData(ConsoleHub.Admin)]
    [InlineData(ConsoleHub.Supervisor)]
    public async Task Officer_pages_refuse_other_roles(string userName)
    {
        var report = await AgencyReports.FileAndForwardAsync(hub, "Bukan untuk admin", ConsoleHub.AgencyA);
        using var client = await hub.SignInAsync(userName);
        foreach (var path in new[] { "/instansi", $"/instansi/laporan/{report.TrackingId}" })
        {
            using var response = await client.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/akses-ditolak", AgencyReports.PathOf(response));
        }
    }

    /// <summary>The sign-out form's antiforgery token is random on every page; everything else must be identical.</summary>
    private static string WithoutToken(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "token");
}
