using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Browser;
using Lapor.Hub.Tests.Hosting;
using Microsoft.Playwright;
using static Lapor.Hub.Tests.Channels.Flow.WebChatPage;
using static Microsoft.Playwright.Assertions;

namespace Lapor.Hub.Tests.Channels.Flow;

/// <summary>
/// A citizen files a whole report with the official Web Chat control on the hub's home page, in headless Chromium,
/// against the real hub — over WebSocket and over polling — then receives the agency's follow-up in the same chat.
/// Screenshots: bin/…/TestResults/screenshots/filing-*.png.
/// </summary>
public sealed class WebChatReportFlowTests(InProcessHub hub) : IClassFixture<InProcessHub>
{
    [SkippableTheory]
    [InlineData("websocket", "")]
    [InlineData("polling", "?polling=1")]
    public async Task A_citizen_files_a_report_in_web_chat_and_gets_the_follow_up_there(string transport, string query)
    {
        Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var browser = await chromium.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync(new Uri(hub.Settings.BaseAddress, "/" + query).ToString());
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await Expect(page.GetByText("Status Konektivitas: Tersambung")).ToBeAttachedAsync(new() { Timeout = 30_000 });

        await SendAsync(sendBox, $"Saluran air di depan Pasar Keputran tersumbat sampah, banjir tiap hujan ({transport})");
        await Expect(Bubble(page, "Di mana kejadiannya?")).ToBeVisibleAsync(Soon);
        await SendAsync(sendBox, "Jl. Keputran 12, Surabaya");
        await Expect(Bubble(page, "Ada foto pendukung?")).ToBeVisibleAsync(Soon);
        await ChooseAsync(page, "Lewati");
        await Expect(Bubble(page, "Apakah identitas Anda ingin dirahasiakan")).ToBeVisibleAsync(Soon);
        await ChooseAsync(page, "Tidak");
        await Expect(Bubble(page, "Apakah isi laporan ingin dirahasiakan")).ToBeVisibleAsync(Soon);
        await ChooseAsync(page, "Tidak");
        await Expect(Bubble(page, "Ringkasan laporan Anda")).ToBeVisibleAsync(Soon);
        await HeadlessChromium.ScreenshotAsync(page, $"filing-{transport}-1-summary");
        await ChooseAsync(page, "Kirim");

        var receipt = Bubble(page, "Nomor laporan:");
        await Expect(receipt).ToBeVisibleAsync(Soon);
        var trackingId = TrackingId().Match(await receipt.InnerTextAsync()).Value;
        Assert.False(string.IsNullOrEmpty(trackingId));
        await HeadlessChromium.ScreenshotAsync(page, $"filing-{transport}-2-tracking-id");

        var report = await (await hub.Operator.GetAsync($"/api/reports/{trackingId}")).ReadJsonAsync();
        Assert.Equal("web", report.GetProperty("reporter").GetProperty("channel").GetString());
        Assert.Equal("35.78", report.GetProperty("regionCode").GetString());

        await hub.Operator.PostJsonAsync($"/api/reports/{trackingId}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = "PEMKOT-3578" });
        await hub.Operator.PostJsonAsync($"/api/reports/{trackingId}/follow-ups",
            new { agencyCode = "PEMKOT-3578", text = $"Saluran sudah dikeruk petugas DSDABM ({transport})." });
        try
        {
            await Expect(Bubble(page, $"Saluran sudah dikeruk petugas DSDABM ({transport}).")).ToBeVisibleAsync(Soon);
        }
        catch (PlaywrightException)
        {
            await HeadlessChromium.ScreenshotAsync(page, $"filing-{transport}-3-follow-up-missing");
            var history = await hub.Operator.GetStringAsync($"/api/reports/{trackingId}");
            throw new Xunit.Sdk.XunitException($"The follow-up never showed. Report: {history}\nBrowser: {browser.Problems}");
        }
        await HeadlessChromium.ScreenshotAsync(page, $"filing-{transport}-3-follow-up");

        await Expect(page.Locator(".webchat__activity-status--sending")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Expect(page.GetByText("Gagal mengirim")).ToHaveCountAsync(0);
    }
}
