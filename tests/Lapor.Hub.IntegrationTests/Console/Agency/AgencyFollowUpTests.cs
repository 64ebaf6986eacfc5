using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Lapor.Hub.Tests.Console.Agency;

public sealed class AgencyFollowUpTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    private static Dictionary<string, string> Form(string formId, string text) => new() { ["formId"] = formId, ["text"] = text };

    [Fact]
    public async Task An_officer_posts_a_follow_up_and_the_report_is_followed_up()
    {
        var report = await AgencyReports.FileAndForwardAsync(hub, "Lampu jalan mati", ConsoleHub.AgencyA);
        var page = $"/instansi/laporan/{report.TrackingId}";
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (_, html) = await officer.GetPageAsync(page);

        var response = await officer.PostFormAsync(page, page, Form(AgencyReports.FormId(html), "Lampu sudah diganti oleh Dinas PU hari ini."));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(page, AgencyReports.PathOf(response));
        var json = await AgencyReports.ReadAsync(hub, report.TrackingId);
        Assert.Equal("FollowedUp", json.GetProperty("status").GetString());
        Assert.Equal(["Lampu sudah diganti oleh Dinas PU hari ini."], await AgencyReports.FollowUpsAsync(hub, report.TrackingId));
        var (_, after) = await officer.GetPageAsync(page);
        Assert.Contains("Tindak lanjut terkirim.", after);
        Assert.Contains("Lampu sudah diganti oleh Dinas PU hari ini.", after);
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_posts_one_follow_up()
    {
        var report = await AgencyReports.FileAndForwardAsync(hub, "Jalan berlubang", ConsoleHub.AgencyA);
        var page = $"/instansi/laporan/{report.TrackingId}";
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (_, html) = await officer.GetPageAsync(page);
        var token = ConsoleClient.AntiforgeryToken(html);
        var form = Form(AgencyReports.FormId(html), "Lubang ditambal minggu ini.");

        var first = await officer.PostFormWithTokenAsync(page, form, token);
        var second = await officer.PostFormWithTokenAsync(page, form, token);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Single(await AgencyReports.FollowUpsAsync(hub, report.TrackingId));

        var (_, fresh) = await officer.GetPageAsync(page);
        Assert.NotEqual(form["formId"], AgencyReports.FormId(fresh));
        await officer.PostFormAsync(page, page, Form(AgencyReports.FormId(fresh), "Penambalan selesai."));
        Assert.Equal(2, (await AgencyReports.FollowUpsAsync(hub, report.TrackingId)).Length);
    }

    [Fact]
    public async Task A_follow_up_without_the_antiforgery_token_is_refused_and_not_posted()
    {
        var report = await AgencyReports.FileAndForwardAsync(hub, "Banjir di gang", ConsoleHub.AgencyA);
        var page = $"/instansi/laporan/{report.TrackingId}";
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (_, html) = await officer.GetPageAsync(page);

        var response = await officer.PostFormWithTokenAsync(page, Form(AgencyReports.FormId(html), "Saluran sudah dibersihkan."), token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await AgencyReports.FollowUpsAsync(hub, report.TrackingId));
        Assert.Equal("Forwarded", (await AgencyReports.ReadAsync(hub, report.TrackingId)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("", "Tulis tindak lanjutnya terlebih dahulu.")]
    [InlineData("   ", "Tulis tindak lanjutnya terlebih dahulu.")]
    [InlineData(null, "Teks terlalu panjang: paling banyak 4000 karakter.")]
    public async Task An_invalid_text_shows_a_form_error_and_posts_nothing(string? text, string error)
    {
        var report = await AgencyReports.FileAndForwardAsync(hub, "Pohon tumbang", ConsoleHub.AgencyA);
        var page = $"/instansi/laporan/{report.TrackingId}";
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (_, html) = await officer.GetPageAsync(page);

        var response = await officer.PostFormAsync(page, page, Form(AgencyReports.FormId(html), text ?? new string('x', 4001)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(error, body);
        Assert.Contains("aria-invalid=\"true\"", body);
        Assert.Empty(await AgencyReports.FollowUpsAsync(hub, report.TrackingId));
    }

    [Fact]
    public async Task An_attachment_is_stored_and_linked_in_the_follow_up()
    {
        var report = await AgencyReports.FileAndForwardAsync(hub, "Surat balasan dinas", ConsoleHub.AgencyA);
        var page = $"/instansi/laporan/{report.TrackingId}";
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (_, html) = await officer.GetPageAsync(page);
        // Larger than the hub's general request limit (256 KB): the follow-up form has its own.
        var pdf = Channels.Media.TestPdf.WithAuthor(subjectLength: 400 * 1024);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(AgencyReports.FormId(html)), "formId" },
            { new StringContent("Surat jawaban dinas terlampir."), "text" },
        };
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "attachment", "surat-dinas.pdf");

        var response = await officer.PostMultipartAsync(page, page, content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var followUp = Assert.Single(await AgencyReports.FollowUpsAsync(hub, report.TrackingId));
        Assert.Equal("Surat jawaban dinas terlampir.", followUp); // the file is referenced, not pasted in as an address
        var (_, after) = await officer.GetPageAsync(page);
        var link = Regex.Match(after, "class=\"attachment\"><a href=\"(/media/[0-9a-f]{32})\"");
        Assert.True(link.Success, "the agency page links the attachment");
        using var served = await hub.Public.GetAsync(link.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/pdf", served.Content.Headers.ContentType?.MediaType);
        var publicCopy = await served.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(publicCopy, 0, 5));
        Assert.False(Channels.Media.TestPdf.Contains(publicCopy, Channels.Media.TestPdf.NationalIdNumber), "the public copy still names the author");
        var (_, publicPage) = await hub.NewClient().GetPageAsync($"/laporan/{report.TrackingId}");
        Assert.Contains($"<a href=\"{link.Groups[1].Value}\"", publicPage);
    }

    [Fact]
    public async Task An_attachment_that_is_not_a_photo_or_pdf_is_refused_and_nothing_is_posted()
    {
        var report = await AgencyReports.FileAndForwardAsync(hub, "Berkas salah", ConsoleHub.AgencyA);
        var page = $"/instansi/laporan/{report.TrackingId}";
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (_, html) = await officer.GetPageAsync(page);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(AgencyReports.FormId(html)), "formId" },
            { new StringContent("Lihat lampiran."), "text" },
            { new ByteArrayContent("MZ bukan dokumen"u8.ToArray()), "attachment", "surat.pdf" },
        };

        var response = await officer.PostMultipartAsync(page, page, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Lampiran tidak diterima", await response.Content.ReadAsStringAsync());
        Assert.Empty(await AgencyReports.FollowUpsAsync(hub, report.TrackingId));
    }

    [Fact]
    public async Task An_officer_cannot_post_to_another_agency_s_report()
    {
        var report = await AgencyReports.FileAndForwardAsync(hub, "Milik Surabaya", ConsoleHub.AgencyA);
        var own = await AgencyReports.FileAndForwardAsync(hub, "Milik Kemenkes", ConsoleHub.AgencyB);
        using var officerB = await hub.SignInAsync(ConsoleHub.OfficerB);
        var (_, ownPage) = await officerB.GetPageAsync($"/instansi/laporan/{own.TrackingId}");

        var response = await officerB.PostFormWithTokenAsync($"/instansi/laporan/{report.TrackingId}",
            Form(AgencyReports.FormId(ownPage), "Bukan urusan kami."), ConsoleClient.AntiforgeryToken(ownPage));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await AgencyReports.FollowUpsAsync(hub, report.TrackingId));
    }
}
