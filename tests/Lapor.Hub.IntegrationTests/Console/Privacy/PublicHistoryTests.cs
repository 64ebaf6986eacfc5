using System.Net;
using System.Net.Http.Json;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Console.Public;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Console.Privacy;

/// <summary>
/// One rule decides which history texts of a published report the public reads, on the page and in the API alike:
/// the agency's follow-ups and the thread after forwarding; never the clarification exchange, where citizens give their
/// name and phone number, nor the admin's note to the agency.
/// </summary>
public sealed class PublicHistoryTests(InProcessHub hub) : IClassFixture<InProcessHub>
{
    private const string Question = "Mohon sebutkan nama dan nomor HP Bapak/Ibu.";
    private const string Answer = "Nama saya Budi Santoso, HP 0812 3456 7890.";
    private const string AdminReplyBeforeForwarding = "Terima kasih Pak Budi, laporan kami teruskan.";
    private const string ForwardNote = "Catatan internal: hubungi pelapor Budi di 0812 3456 7890.";
    private const string FollowUp = "Petugas PJU sudah mengganti lampu di gang Melati.";
    private const string ReplyAfterForwarding = "Terima kasih, lampunya sudah menyala lagi.";

    private static readonly string[] Private = [Question, Answer, AdminReplyBeforeForwarding, ForwardNote];

    [Fact]
    public async Task The_public_reads_the_follow_ups_but_not_the_clarification_exchange_nor_the_forward_note()
    {
        var report = await FileAnsweredAndForwardedReportAsync();

        var api = await ReadAsync(hub.Public, $"/api/reports/{report.TrackingId}");
        var page = await ReadAsync(hub.Public, $"/laporan/{report.TrackingId}");

        foreach (var (surface, body) in new[] { ("API", api), ("page", page) })
        {
            Assert.Contains(FollowUp, body);
            Assert.Contains(ReplyAfterForwarding, body);
            foreach (var hidden in Private)
            {
                Assert.False(body.Contains(hidden, StringComparison.Ordinal), $"The public {surface} shows '{hidden}'.");
            }
        }
    }

    [Fact]
    public async Task The_reporter_reads_their_exchange_and_admins_everything_but_only_admins_and_the_agency_read_the_note()
    {
        var report = await FileAnsweredAndForwardedReportAsync();

        var admin = await ReadAsync(hub.Operator, $"/api/reports/{report.TrackingId}");
        using var asReporter = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{report.TrackingId}");
        asReporter.Headers.Add(Web.Reports.ReportEndpoints.ReporterKeyHeader, report.ReporterKey);
        using var reporterResponse = await hub.Public.SendAsync(asReporter);
        var reporter = await reporterResponse.Content.ReadAsStringAsync();

        Assert.All(Private, text => Assert.Contains(text, admin));
        Assert.All(Private.Except([ForwardNote]), text => Assert.Contains(text, reporter));
        Assert.DoesNotContain(ForwardNote, reporter);
    }

    private async Task<FiledReport> FileAnsweredAndForwardedReportAsync()
    {
        var report = await hub.FileAsync(new
        {
            text = "Lampu penerangan jalan di gang Melati padam sejak seminggu, gelap sekali malam hari.",
            title = "Lampu gang Melati padam",
            regionCode = "35.78",
        });
        await CommandAsync(report, "clarification-requests", new { question = Question });
        await hub.ReplyAsync(report, Answer);
        await CommandAsync(report, "replies", new { text = AdminReplyBeforeForwarding });
        await CommandAsync(report, "forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = "PEMKOT-3578", note = ForwardNote });
        await hub.FollowUpAsync(report, "PEMKOT-3578", FollowUp);
        await hub.ReplyAsync(report, ReplyAfterForwarding);
        return report;
    }

    private async Task CommandAsync(FiledReport report, string action, object body)
    {
        using var response = await hub.Operator.PostAsJsonAsync($"/api/reports/{report.TrackingId}/{action}", body, ApiJson.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
