using System.Net;

namespace Lapor.Hub.Tests.Console.Agency;

public sealed class AgencyPrivacyTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [Fact]
    public async Task An_anonymous_reporter_s_name_and_address_never_reach_the_agency()
    {
        var report = await AgencyReports.FileAndForwardAsync(hub, "Pungutan liar", ConsoleHub.AgencyA, anonymous: true);
        var reply = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/{report.TrackingId}/replies")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { text = "Kejadiannya setiap Senin pagi." }),
        };
        reply.Headers.Add("X-Reporter-Key", report.ReporterKey);
        Assert.Equal(HttpStatusCode.OK, (await hub.Public.SendAsync(reply)).StatusCode);

        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (status, html) = await officer.GetPageAsync($"/instansi/laporan/{report.TrackingId}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Kejadiannya setiap Senin pagi.", html);
        Assert.Matches(@"<dt>Pelapor</dt>\s*<dd>\s*Anonim\s*</dd>", html);
        Assert.DoesNotContain("Siti", html, StringComparison.Ordinal);
        Assert.DoesNotContain("tg:1001", html, StringComparison.Ordinal);
        var (_, queue) = await officer.GetPageAsync("/instansi?q=pungutan");
        Assert.Contains(report.TrackingId, queue);
        Assert.DoesNotContain("Siti", queue, StringComparison.Ordinal);
        Assert.DoesNotContain("tg:1001", queue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_reporter_is_shown_to_the_agency_but_never_their_address()
    {
        var report = await AgencyReports.FileAndForwardAsync(hub, "Trotoar rusak", ConsoleHub.AgencyA);
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (status, html) = await officer.GetPageAsync($"/instansi/laporan/{report.TrackingId}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches(@"<dt>Pelapor</dt>\s*<dd>\s*Siti\s*</dd>", html);
        Assert.DoesNotContain("tg:1001", html, StringComparison.Ordinal);
        Assert.Contains("Trotoar rusak", html);
        Assert.Contains("Lingkungan", html);
        using var raw = await officer.Http.GetAsync($"/instansi/laporan/{report.TrackingId}");
        Assert.True(raw.Headers.CacheControl?.NoStore, "A report page must not stay in a shared computer's cache.");
    }
}
