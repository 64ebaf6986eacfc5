using System.Net;
using System.Net.Http.Headers;

namespace Lapor.Hub.Tests.Console.Agency;

/// <summary>A hub whose media store takes files up to 7 MB (<c>Media:MaxBytes</c>).</summary>
public sealed class SevenMegabyteMediaHub : ConsoleHub
{
    public const long MaxBytes = 7 * 1024 * 1024;

    protected override Task<IReadOnlyList<string>> ExtraArgumentsAsync() =>
        Task.FromResult<IReadOnlyList<string>>([$"--Media:MaxBytes={MaxBytes}"]);
}

/// <summary>The officer's attachment limit is the configured media limit, in what the page says and in what it takes.</summary>
public sealed class AttachmentLimitTests(SevenMegabyteMediaHub hub) : IClassFixture<SevenMegabyteMediaHub>
{
    [Fact]
    public async Task The_follow_up_form_states_and_takes_the_configured_media_limit()
    {
        var report = await AgencyReports.FileAndForwardAsync(hub, "Lampiran besar", ConsoleHub.AgencyA);
        var page = $"/instansi/laporan/{report.TrackingId}";
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (_, html) = await officer.GetPageAsync(page);
        Assert.Contains("paling besar 7 MB", html);

        // 6 MB: within the configured 7 MB.
        var pdf = Lapor.Hub.Tests.Channels.Media.TestPdf.WithAuthor(subjectLength: 3 * 1024 * 1024); // written as hex: about 6 MB
        using var content = new MultipartFormDataContent
        {
            { new StringContent(AgencyReports.FormId(html)), "formId" },
            { new StringContent("Dokumen hasil pemeriksaan terlampir."), "text" },
        };
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "attachment", "hasil-pemeriksaan.pdf");

        var response = await officer.PostMultipartAsync(page, page, content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Dokumen hasil pemeriksaan terlampir.", Assert.Single(await AgencyReports.FollowUpsAsync(hub, report.TrackingId)));
        var (_, after) = await officer.GetPageAsync(page);
        Assert.Matches("class=\"attachment\"><a href=\"/media/[0-9a-f]{32}", after);
    }

    [Fact]
    public async Task A_file_over_the_configured_limit_is_refused_with_that_limit_and_the_text_stays_in_the_form()
    {
        var report = await AgencyReports.FileAndForwardAsync(hub, "Lampiran terlalu besar", ConsoleHub.AgencyA);
        var page = $"/instansi/laporan/{report.TrackingId}";
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (_, html) = await officer.GetPageAsync(page);

        using var content = new MultipartFormDataContent
        {
            { new StringContent(AgencyReports.FormId(html)), "formId" },
            { new StringContent("Foto lokasi setelah perbaikan terlampir."), "text" },
        };
        var file = new ByteArrayContent(Pdf(SevenMegabyteMediaHub.MaxBytes + 1));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "attachment", "foto-besar.pdf");

        var response = await officer.PostMultipartAsync(page, page, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await response.Content.ReadAsStringAsync();
        Assert.Contains("Lampiran tidak diterima: kirim foto JPEG, PNG atau WebP, atau dokumen PDF, paling besar 7 MB.", refused);
        Assert.Contains(">Foto lokasi setelah perbaikan terlampir.</textarea>", refused);
        Assert.Empty(await AgencyReports.FollowUpsAsync(hub, report.TrackingId));
    }

    private static byte[] Pdf(long size)
    {
        var pdf = new byte[size];
        Array.Fill(pdf, (byte)'x');
        "%PDF-1.4\n%"u8.CopyTo(pdf);
        return pdf;
    }
}
