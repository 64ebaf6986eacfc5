using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Browser;
using Lapor.Hub.Tests.Hosting;
using Microsoft.Playwright;
using static Lapor.Hub.Tests.Channels.Flow.WebChatPage;
using static Microsoft.Playwright.Assertions;

namespace Lapor.Hub.Tests.Channels.Flow;

/// <summary>
/// The real hub and the official Web Chat control in headless Chromium: a citizen is greeted, shares their location,
/// reloads halfway, finishes, reloads again and still finds their report under "laporan saya".
/// Screenshots: bin/…/TestResults/screenshots/resume-*.png.
/// </summary>
public sealed class WebChatResumeFlowTests(InProcessHub hub) : IClassFixture<InProcessHub>
{
    [SkippableFact]
    public async Task A_citizen_reloads_mid_dialog_and_after_filing_and_keeps_the_conversation_and_its_reports()
    {
        Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = ChromiumSession.PhoneViewport,
            Locale = "id-ID",
            Geolocation = new Geolocation { Latitude = -7.2906f, Longitude = 112.7398f },
            Permissions = ["geolocation"],
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(hub.Settings.BaseAddress.ToString());

        // Greeted before typing anything.
        await Expect(Bubble(page, "Halo! Ini layanan pengaduan LAPOR!")).ToBeVisibleAsync(Soon);
        var sendBox = await ConnectedSendBoxAsync(page);
        await SendAsync(sendBox, "Trotoar di depan Taman Bungkul rusak parah, banyak pejalan kaki terjatuh");
        await Expect(Bubble(page, "Di mana kejadiannya?")).ToBeVisibleAsync(Soon);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bagikan lokasi saya" }).ClickAsync();
        await Expect(Bubble(page, "Lokasi saya: -7.29060, 112.73980")).ToBeVisibleAsync(Soon);
        await Expect(Bubble(page, "Ada foto pendukung?")).ToBeVisibleAsync(Soon);

        await page.ReloadAsync();

        await Expect(Bubble(page, "Trotoar di depan Taman Bungkul rusak parah")).ToBeVisibleAsync(Soon);
        await Expect(Bubble(page, "Ada foto pendukung?")).ToBeVisibleAsync(Soon);
        sendBox = await ConnectedSendBoxAsync(page);
        await ChooseAsync(page, "Lewati");
        await Expect(Bubble(page, "Apakah identitas Anda ingin dirahasiakan")).ToBeVisibleAsync(Soon);
        await ChooseAsync(page, "Tidak");
        await Expect(Bubble(page, "Apakah isi laporan ingin dirahasiakan")).ToBeVisibleAsync(Soon);
        await ChooseAsync(page, "Tidak");
        await Expect(Bubble(page, "Ringkasan laporan Anda")).ToBeVisibleAsync(Soon);
        await ChooseAsync(page, "Kirim");
        var receipt = Bubble(page, "Nomor laporan:");
        await Expect(receipt).ToBeVisibleAsync(Soon);
        var trackingId = TrackingId().Match(await receipt.InnerTextAsync()).Value;
        Assert.False(string.IsNullOrEmpty(trackingId));
        // The citizen's own bubbles carry the buttons' labels, never their values.
        await Expect(ExactBubble(page, "Kirim")).ToBeVisibleAsync(Soon);
        await Expect(ExactBubble(page, "submit")).ToHaveCountAsync(0);
        await Expect(ExactBubble(page, "skip")).ToHaveCountAsync(0);

        await page.ReloadAsync();

        await Expect(receipt).ToBeVisibleAsync(Soon);
        sendBox = await ConnectedSendBoxAsync(page);
        await SendAsync(sendBox, "laporan saya");
        await Expect(Bubble(page, "Laporan Anda:")).ToBeVisibleAsync(Soon);
        await Expect(Bubble(page, $"{trackingId} — ")).ToBeVisibleAsync(Soon); // its line in the list, with its status
        await Expect(Bubble(page, "Anda belum punya laporan")).ToHaveCountAsync(0);
        await Expect(page.Locator(".webchat__text-content", new() { HasText = "Halo! Ini layanan pengaduan LAPOR!" })).ToHaveCountAsync(1);
        await HeadlessChromium.ScreenshotAsync(page, "resume-1-my-reports-after-reload");

        var report = await (await hub.Operator.GetAsync($"/api/reports/{trackingId}")).ReadJsonAsync();
        Assert.Equal(-7.2906, report.GetProperty("location").GetProperty("lat").GetDouble(), 3);
        Assert.Equal(112.7398, report.GetProperty("location").GetProperty("lon").GetDouble(), 3);
    }
}
