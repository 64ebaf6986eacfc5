using System.Net;

namespace Lapor.Hub.Tests.Console.Public;

/// <summary>/lacak: a plain look-up by tracking ID (GET), and the reporter's own view with their key (POST only).</summary>
public sealed class TrackPageTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    private const string SecretText = "Kepala seksi meminta uang pelicin untuk izin usaha saya.";

    [Fact]
    public async Task With_the_reporter_key_the_reporter_sees_their_secret_report_and_without_it_nothing_is_found()
    {
        var report = await hub.FileAsync("Pungutan izin usaha", SecretText, secret: true);
        await hub.ForwardAsync(report, "POLITIK-HUKUM", ConsoleHub.AgencyA);
        using var reporter = hub.NewClient();

        var (lookUpStatus, lookUp) = await reporter.GetPageAsync($"/lacak?id={report.TrackingId}");
        Assert.Equal(HttpStatusCode.NotFound, lookUpStatus);
        Assert.Contains("tidak ditemukan", lookUp);
        Assert.DoesNotContain(SecretText, lookUp);

        var wrongKey = await reporter.PostFormAsync("/lacak", "/lacak", Form(report.TrackingId, "bukan-kunci-yang-benar"));
        Assert.Equal(HttpStatusCode.NotFound, wrongKey.StatusCode);
        Assert.DoesNotContain(SecretText, await wrongKey.Content.ReadAsStringAsync());

        var withKey = await reporter.PostFormAsync("/lacak", "/lacak", Form(report.TrackingId, report.ReporterKey));
        var html = await withKey.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Contains(SecretText, html);
        Assert.Contains("Laporan rahasia", html);
        Assert.Contains("laporan Anda sendiri", html);
        Assert.DoesNotContain(report.ReporterKey, html);
        Assert.DoesNotContain(CitizenReports.ReporterName, html);
    }

    [Fact]
    public async Task The_reporter_key_sees_an_unpublished_report_that_the_public_sees_only_the_status_of()
    {
        var report = await hub.FileAsync("Air PDAM keruh", "Air PDAM di rumah kami keruh dan berbau sejak Senin.");
        using var visitor = hub.NewClient();

        var (status, publicView) = await visitor.GetPageAsync($"/lacak?id={report.TrackingId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Menunggu verifikasi", publicView);
        Assert.DoesNotContain("berbau sejak Senin", publicView);

        var own = await visitor.PostFormAsync("/lacak", "/lacak", Form(report.TrackingId, report.ReporterKey));
        Assert.Contains("berbau sejak Senin", await own.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Any_letter_case_and_no_dashes_find_the_report_and_a_mistyped_id_gets_a_friendly_message()
    {
        var report = await hub.FileAsync("Lampu lalu lintas mati", "Lampu lalu lintas di perempatan Kertajaya mati total.");
        await hub.ForwardAsync(report, "PERHUBUNGAN", ConsoleHub.AgencyA);
        using var visitor = hub.NewClient();

        var loose = report.TrackingId.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        var (status, found) = await visitor.GetPageAsync($"/lacak?id={loose}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("perempatan Kertajaya", found);

        // Changing one symbol always breaks the check symbol.
        var last = report.TrackingId[^1];
        var typo = report.TrackingId[..^1] + (last == 'A' ? 'B' : 'A');
        var (typoStatus, message) = await visitor.GetPageAsync($"/lacak?id={typo}");
        Assert.Equal(HttpStatusCode.BadRequest, typoStatus);
        Assert.Contains($"Nomor pelacakan &quot;{typo}&quot; tidak dikenali", message);
        Assert.DoesNotContain("perempatan Kertajaya", message);
    }

    [Fact]
    public async Task The_key_is_only_ever_posted_never_put_in_an_address()
    {
        var (_, html) = await hub.NewClient().GetPageAsync("/lacak");

        var keyForm = html[html.LastIndexOf("<form", html.IndexOf("name=\"reporterKey\"", StringComparison.Ordinal), StringComparison.Ordinal)..];
        Assert.StartsWith("<form method=\"post\" action=\"/lacak\"", keyForm);
        Assert.Contains("<form method=\"get\" action=\"/lacak\"", html);
    }

    private static Dictionary<string, string> Form(string id, string key) => new() { ["id"] = id, ["reporterKey"] = key };
}
