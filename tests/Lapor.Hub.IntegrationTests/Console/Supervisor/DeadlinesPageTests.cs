using System.Net;
using Lapor.Hub.Tests.Console.Public;

namespace Lapor.Hub.Tests.Console.Supervisor;

/// <summary>/pengawas: the deadline picture, for supervisors only.</summary>
public sealed class DeadlinesPageTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [Fact]
    public async Task A_supervisor_sees_the_overdue_report_listed_and_counted_against_its_agency()
    {
        var overdue = await hub.FileAsync("Obat kosong", "Stok obat di puskesmas kosong selama dua minggu.");
        var fresh = await hub.FileAsync("Jalan berlubang", "Jalan berlubang besar di depan pasar Wonokromo.");
        await hub.ForwardAsync(overdue, "KESEHATAN", ConsoleHub.AgencyB);
        await hub.MarkDeadlineMissedAsync(overdue, DateTimeOffset.UtcNow.AddHours(-2));
        using var supervisor = await hub.SignInAsync(ConsoleHub.Supervisor);

        var (status, html) = await supervisor.GetPageAsync("/pengawas");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"href=\"/admin/laporan/{overdue.TrackingId}\"", html);
        // Filed just now, its verification is due at the end of the third working day: not yet in the list.
        Assert.DoesNotContain(fresh.TrackingId, html);
        var load = html[html.IndexOf("<table id=\"deadline-load\"", StringComparison.Ordinal)..html.IndexOf("<table id=\"due-reports\"", StringComparison.Ordinal)];
        Assert.Matches("<th scope=\"row\">Kementerian Kesehatan</th>\\s*<td>Tindak lanjut</td>\\s*<td class=\"num\" data-value=\"1\">", load);
        Assert.Matches("<th scope=\"row\">Admin LAPOR</th>\\s*<td>Verifikasi</td>\\s*<td class=\"num\" data-value=\"0\">0</td>\\s*<td class=\"num\" data-value=\"0\">0</td>\\s*<td class=\"num\" data-value=\"1\">", load);
    }

    [Theory]
    [InlineData(ConsoleHub.Admin)]
    [InlineData(ConsoleHub.OfficerA)]
    public async Task Other_roles_are_refused(string userName)
    {
        using var client = await hub.SignInAsync(userName);
        using var response = await client.Http.GetAsync("/pengawas");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/akses-ditolak", LocalPath(response));
    }

    [Fact]
    public async Task The_public_is_sent_to_sign_in()
    {
        using var response = await hub.NewClient().Http.GetAsync("/pengawas");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/masuk", LocalPath(response));
    }

    private static string LocalPath(HttpResponseMessage redirect) =>
        redirect.Headers.Location is { } to ? (to.IsAbsoluteUri ? to.PathAndQuery : to.OriginalString) : "";
}
