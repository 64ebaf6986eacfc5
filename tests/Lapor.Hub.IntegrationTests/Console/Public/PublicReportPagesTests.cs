using System.Net;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Tracking;

namespace Lapor.Hub.Tests.Console.Public;

/// <summary>/laporan and /laporan/{id} as anyone sees them, over real HTTP, with reports filed and handled through the API.</summary>
public sealed class PublicReportPagesTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    private const string Surabaya = ConsoleHub.AgencyA;
    private const string Kemenkes = ConsoleHub.AgencyB;

    [Fact]
    public async Task The_list_shows_forwarded_reports_and_never_secret_or_unforwarded_ones_whoever_looks()
    {
        var word = UniqueWord();
        var published = await hub.FileAsync($"Lampu jalan padam {word}", "Lampu jalan di Jalan Darmo padam sejak seminggu.");
        var secret = await hub.FileAsync($"Pungutan liar {word}", "Ada pungutan liar di kantor kelurahan setiap pagi.", secret: true);
        var unforwarded = await hub.FileAsync($"Saluran tersumbat {word}", "Saluran air di gang lima tersumbat sampah.");
        await hub.ForwardAsync(published, "PEKERJAAN-UMUM", Surabaya);
        await hub.ForwardAsync(secret, "POLITIK-HUKUM", Surabaya);

        var (status, html) = await hub.NewClient().GetPageAsync($"/laporan?q={word}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"/laporan/{published.TrackingId}", html);
        Assert.Contains($"Lampu jalan padam {word}", html);
        Assert.DoesNotContain(secret.TrackingId, html);
        Assert.DoesNotContain("Pungutan liar", html);
        Assert.DoesNotContain(unforwarded.TrackingId, html);
        Assert.DoesNotContain("Saluran tersumbat", html);
        Assert.Contains("1 laporan", html);

        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var (_, adminHtml) = await admin.GetPageAsync($"/laporan?q={word}");
        Assert.Contains($"/laporan/{published.TrackingId}", adminHtml);
        Assert.DoesNotContain(secret.TrackingId, adminHtml);
        Assert.DoesNotContain(unforwarded.TrackingId, adminHtml);
    }

    [Fact]
    public async Task Search_finds_a_report_by_a_word_and_every_filter_narrows_the_list()
    {
        var word = UniqueWord();
        var bridge = await hub.FileAsync($"Jembatan retak {word}", "Jembatan penyeberangan di depan pasar retak dan miring.");
        var clinic = await hub.FileAsync($"Puskesmas tutup {word}", "Puskesmas tutup pada jam layanan tanpa pemberitahuan.");
        await hub.ForwardAsync(bridge, "PEKERJAAN-UMUM", Surabaya);
        await hub.ForwardAsync(clinic, "KESEHATAN", Kemenkes);
        await hub.FollowUpAsync(clinic, Kemenkes, "Kepala puskesmas sudah ditegur dan jadwal layanan dipasang.");
        using var visitor = hub.NewClient();

        async Task<string[]> Listed(string query)
        {
            var (status, html) = await visitor.GetPageAsync($"/laporan?q={word}{query}");
            Assert.Equal(HttpStatusCode.OK, status);
            return new[] { bridge, clinic }.Where(r => html.Contains($"/laporan/{r.TrackingId}", StringComparison.Ordinal))
                .Select(r => r == bridge ? "bridge" : "clinic").ToArray();
        }

        Assert.Equal(["bridge", "clinic"], (await Listed("")).Order());
        Assert.Equal(["bridge"], await Listed("+JEMBATAN"));
        Assert.Equal(["clinic"], await Listed("&kategori=KESEHATAN"));
        Assert.Equal(["bridge"], await Listed($"&instansi={Surabaya}"));
        Assert.Equal(["clinic"], await Listed("&status=FollowedUp"));
        Assert.Equal(["bridge"], await Listed("&status=Forwarded"));
        Assert.Equal(["bridge", "clinic"], (await Listed("&wilayah=35.78")).Order());
        Assert.Empty(await Listed("&wilayah=31"));
        Assert.Empty(await Listed("+tidakadakatainidimanapun"));
    }

    [Fact]
    public async Task The_filter_form_uses_get_and_keeps_the_chosen_filters()
    {
        var (_, html) = await hub.NewClient().GetPageAsync("/laporan?q=sampah&kategori=KESEHATAN&status=Forwarded");

        Assert.Contains("<form method=\"get\" action=\"/laporan\"", html);
        Assert.Contains("value=\"sampah\"", html);
        Assert.Contains("<option value=\"KESEHATAN\" selected=\"selected\">", html);
        Assert.Contains("<option value=\"Forwarded\" selected=\"selected\">", html);
        Assert.Contains("data-points=\"/api/map?category=KESEHATAN\"", html);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_report_page_shows_the_follow_up_thread_and_never_the_reporter(bool anonymous)
    {
        var word = UniqueWord();
        var (trackingId, reporterKey) = await hub.FileFromChatAsync(CitizenReports.ReporterAddress,
            $"Sampah menumpuk di depan SD Negeri 3 sudah dua minggu ({word}).", "Sampah tidak diangkut", CitizenReports.ReporterName, anonymous: anonymous);
        var report = new FiledReport(trackingId, reporterKey);
        await hub.ForwardAsync(report, "LINGKUNGAN-KEHUTANAN", Surabaya);
        await hub.FollowUpAsync(report, Surabaya, $"Petugas kebersihan sudah mengangkut sampah pada pagi ini {word}.");
        await hub.ReplyAsync(report, $"Terima kasih, sekarang sudah bersih {word}.");

        var (status, html) = await hub.NewClient().GetPageAsync($"/laporan/{report.TrackingId}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"dua minggu ({word})", html);
        Assert.Contains("Lingkungan Hidup dan Kehutanan", html);
        Assert.Contains("Tindak lanjut dari Pemerintah Kota Surabaya", html);
        var followUp = html.IndexOf($"mengangkut sampah pada pagi ini {word}", StringComparison.Ordinal);
        var reply = html.IndexOf($"sekarang sudah bersih {word}", StringComparison.Ordinal);
        Assert.True(followUp > 0 && reply > followUp, "the thread holds the follow-up, then the citizen's reply");
        Assert.Contains("Tanggapan pelapor", html);
        Assert.DoesNotContain(CitizenReports.ReporterName, html);
        Assert.DoesNotContain(CitizenReports.ReporterAddress, html);
    }

    [Fact]
    public async Task A_report_the_visitor_may_not_see_is_not_found_and_an_unpublished_one_shows_only_its_status()
    {
        var secret = await hub.FileAsync("Pungutan liar di kelurahan", "Ada pungutan liar setiap mengurus surat pindah.", secret: true);
        await hub.ForwardAsync(secret, "POLITIK-HUKUM", Surabaya);
        var waiting = await hub.FileAsync("Pohon tumbang", "Pohon tumbang menutup jalan di depan rumah nomor 12.");
        using var visitor = hub.NewClient();

        var (secretStatus, secretHtml) = await visitor.GetPageAsync($"/laporan/{secret.TrackingId}");
        Assert.Equal(HttpStatusCode.NotFound, secretStatus);
        Assert.DoesNotContain("Pungutan liar", secretHtml);

        var (waitingStatus, waitingHtml) = await visitor.GetPageAsync($"/laporan/{waiting.TrackingId}");
        Assert.Equal(HttpStatusCode.OK, waitingStatus);
        Assert.Contains("sedang diverifikasi", waitingHtml);
        Assert.Contains("Menunggu verifikasi", waitingHtml);
        Assert.DoesNotContain("Pohon tumbang", waitingHtml);
        Assert.DoesNotContain(CitizenReports.ReporterName, waitingHtml);

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetPageAsync("/laporan/BUKAN-NOMOR")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetPageAsync($"/laporan/{TrackingId.NewId().ToDisplayString()}")).Status);
    }

    private static string UniqueWord() => "uji" + Guid.NewGuid().ToString("N")[..10];
}
