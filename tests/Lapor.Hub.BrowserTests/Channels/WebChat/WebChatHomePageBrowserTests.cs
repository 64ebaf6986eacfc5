using Lapor.Hub.Tests.Browser;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lapor.Hub.Tests.Channels.WebChat;

/// <summary>
/// The home page's chat in headless Chromium as a citizen uses it: reloading, tapping buttons, writing too much,
/// in English, sharing a location. Screenshots: bin/…/net10.0/TestResults/screenshots/webchat-home-*.png.
/// </summary>
public sealed class WebChatHomePageBrowserTests
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 20_000 };

    [SkippableTheory]
    [InlineData("websocket", "")]
    [InlineData("polling", "?polling=1")]
    public async Task A_reload_keeps_the_conversation_its_transcript_and_its_buttons_show_their_labels(string transport, string query)
    {
        Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason);
        using var data = new TemporaryDirectory("lapor-webchat-home");
        await using var host = await WebChatTestHost.StartAsync(data.Path);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var browser = await chromium.NewPageAsync();
        var page = browser.Page;

        await page.GotoAsync(new Uri(host.BaseAddress, "/" + query).ToString());
        // Greeted on open, before typing anything.
        await Expect(Bubble(page, EchoingInboundHandler.Welcome)).ToBeVisibleAsync(Soon);
        var sendBox = await ConnectedSendBoxAsync(page);
        await sendBox.FillAsync("Jalan berlubang di Jl. Merdeka");
        await sendBox.PressAsync("Enter");
        await Expect(Bubble(page, "Anda menulis: Jalan berlubang di Jl. Merdeka")).ToBeVisibleAsync(Soon);
        await page.Locator(".webchat__suggested-action", new() { HasText = "Ya, benar" }).ClickAsync();
        await Expect(Bubble(page, "Pilihan Anda: ya")).ToBeVisibleAsync(Soon);
        // The citizen's bubble shows the button's label; the hub still got its value.
        await Expect(Bubble(page, "Ya, benar")).ToBeVisibleAsync(Soon);
        await Expect(Bubble(page, "ya")).ToHaveCountAsync(0);

        await page.ReloadAsync();

        await Expect(Bubble(page, "Anda menulis: Jalan berlubang di Jl. Merdeka")).ToBeVisibleAsync(Soon);
        await Expect(Bubble(page, "Ya, benar")).ToBeVisibleAsync(Soon);
        await Expect(Bubble(page, "Pilihan Anda: ya")).ToBeVisibleAsync(Soon);
        sendBox = await ConnectedSendBoxAsync(page);
        await sendBox.FillAsync("Sudah dua minggu");
        await sendBox.PressAsync("Enter");
        await Expect(Bubble(page, "Anda menulis: Sudah dua minggu")).ToBeVisibleAsync(Soon);
        await HeadlessChromium.ScreenshotAsync(page, $"webchat-home-{transport}-1-after-reload");
        await Expect(Bubble(page, EchoingInboundHandler.Welcome)).ToHaveCountAsync(1); // not greeted again
        var conversations = host.Handler.Handled.Select(message => message.From.Id).Distinct().ToList();
        Assert.Single(conversations);
        Assert.Equal(["/start", "Jalan berlubang di Jl. Merdeka", "ya", "Sudah dua minggu"],
            host.Handler.Handled.OrderBy(message => message.ReceivedAt).Select(message => message.ChoiceValue ?? message.Text));

        // Too long for the hub: the reason, in the citizen's language, and the text kept to shorten; not "send failed"
        // and a retry that fails again. (A client that sends it anyway gets the reason in the chat: DirectLineActivityTests.)
        var handledBefore = host.Handler.Handled.Count;
        var tooLong = new string('a', 8000);
        await sendBox.FillAsync(tooLong);
        await sendBox.PressAsync("Enter");
        await Expect(page.GetByText("Pesan terlalu panjang: 8000 karakter, maksimal 4000. Mohon ringkas.").First).ToBeVisibleAsync(Soon);
        await Expect(sendBox).ToHaveValueAsync(tooLong);
        await HeadlessChromium.ScreenshotAsync(page, $"webchat-home-{transport}-2-too-long");
        await sendBox.FillAsync("Ringkasnya: jalan berlubang");
        await sendBox.PressAsync("Enter");
        await Expect(Bubble(page, "Anda menulis: Ringkasnya: jalan berlubang")).ToBeVisibleAsync(Soon);
        await Expect(page.GetByText("Pesan terlalu panjang")).ToHaveCountAsync(0);
        await Expect(page.Locator(".webchat__activity-status--sending")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Expect(page.GetByText("Gagal mengirim")).ToHaveCountAsync(0);
        Assert.Equal(handledBefore + 1, host.Handler.Handled.Count);

        // Another browser (no kept secret) gets a conversation of its own.
        await using var other = await chromium.NewPageAsync();
        await other.Page.GotoAsync(host.BaseAddress.ToString());
        await Expect(Bubble(other.Page, EchoingInboundHandler.Welcome)).ToBeVisibleAsync(Soon);
        await Expect(Bubble(other.Page, "Anda menulis: Jalan berlubang di Jl. Merdeka")).ToHaveCountAsync(0);
        Assert.Equal(2, host.Handler.Handled.Select(message => message.From.Id).Distinct().Count());
        Assert.DoesNotContain("request failed", browser.Problems, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_english_browser_gets_english_controls_switches_with_the_citizen_and_can_share_its_location()
    {
        Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason);
        using var data = new TemporaryDirectory("lapor-webchat-home-en");
        await using var host = await WebChatTestHost.StartAsync(data.Path);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = ChromiumSession.PhoneViewport,
            Locale = "en-US",
            Geolocation = new Geolocation { Latitude = -6.2f, Longitude = 106.816666f },
            Permissions = ["geolocation"],
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(host.BaseAddress.ToString());
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await Expect(sendBox).ToHaveAttributeAsync("placeholder", "Type your message", new() { Timeout = 20_000 });
        await Expect(page.GetByText("Connectivity Status: Connected")).ToBeAttachedAsync(new() { Timeout = 20_000 });
        await Expect(Bubble(page, EchoingInboundHandler.Welcome)).ToBeVisibleAsync(Soon);
        Assert.Equal("en", host.Handler.Handled.Single().LanguageCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "Share my location" }).ClickAsync();
        await Expect(Bubble(page, "My location: -6.20000, 106.81667")).ToBeVisibleAsync(Soon);
        await Expect(page.Locator(".webchat__text-content", new() { HasText = "Lokasi diterima:" })).ToBeVisibleAsync(Soon);
        var located = Assert.Single(host.Handler.Handled, message => message.Location is not null);
        Assert.Equal(-6.2, located.Location!.Latitude, 4);
        Assert.Equal(106.8167, located.Location.Longitude, 4);
        await HeadlessChromium.ScreenshotAsync(page, "webchat-home-3-english-location");

        await sendBox.FillAsync("bahasa");
        await sendBox.PressAsync("Enter");
        await Expect(Bubble(page, "Anda menulis: bahasa")).ToBeVisibleAsync(Soon);
        await Expect(sendBox).ToHaveAttributeAsync("placeholder", "Ketik pesan Anda", new() { Timeout = 20_000 });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Bagikan lokasi saya" })).ToBeVisibleAsync(Soon);

        // The choice is kept: a reload stays in Indonesian, in the same conversation.
        await page.ReloadAsync();
        await Expect(sendBox).ToHaveAttributeAsync("placeholder", "Ketik pesan Anda", new() { Timeout = 20_000 });
        await Expect(Bubble(page, "Anda menulis: bahasa")).ToBeVisibleAsync(Soon);
    }

    private static async Task<ILocator> ConnectedSendBoxAsync(IPage page)
    {
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await Expect(sendBox).ToBeVisibleAsync(Soon);
        // Web Chat's screen-reader status: typing before it is connected would leave the text in the box.
        await Expect(page.GetByText("Status Konektivitas: Tersambung")).ToBeAttachedAsync(new() { Timeout = 20_000 });
        return sendBox;
    }

    /// <summary>A message bubble's text (the transcript also repeats it in screen-reader labels).</summary>
    private static ILocator Bubble(IPage page, string text) =>
        page.Locator(".webchat__text-content").GetByText(text, new() { Exact = true });
}
