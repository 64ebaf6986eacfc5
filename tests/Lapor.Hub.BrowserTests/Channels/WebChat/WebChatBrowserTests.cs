using Lapor.Hub.Tests.Browser;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Playwright;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static Microsoft.Playwright.Assertions;

namespace Lapor.Hub.Tests.Channels.WebChat;

/// <summary>
/// The official Web Chat control (the committed webchat.js on the hub's home page) in headless Chromium, against the
/// real endpoints. Screenshots: bin/…/net10.0/TestResults/screenshots/webchat-*.png.
/// </summary>
public sealed class WebChatBrowserTests
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 20_000 };

    [SkippableTheory]
    [InlineData("websocket", "")]
    [InlineData("polling", "?polling=1")]
    public async Task The_official_web_chat_control_talks_to_the_hub(string transport, string query)
    {
        Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason);
        using var data = new TemporaryDirectory("lapor-webchat-browser");
        await using var host = await WebChatTestHost.StartAsync(data.Path);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var browser = await chromium.NewPageAsync();
        var page = browser.Page;
        var webSockets = new List<string>();
        page.WebSocket += (_, socket) => webSockets.Add(socket.Url);

        await page.GotoAsync(new Uri(host.BaseAddress, "/" + query).ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Laporkan keluhan Anda" })).ToBeVisibleAsync();
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await Expect(sendBox).ToBeVisibleAsync(Soon);
        // Web Chat's screen-reader status: typing before it is connected would leave the text in the box.
        await Expect(page.GetByText("Status Konektivitas: Tersambung")).ToBeAttachedAsync(new() { Timeout = 20_000 });

        await sendBox.FillAsync("Jalan berlubang di Jl. Merdeka");
        await sendBox.PressAsync("Enter");
        await Expect(Bubble(page, "Anda menulis: Jalan berlubang di Jl. Merdeka")).ToBeVisibleAsync(Soon);
        var yes = page.Locator(".webchat__suggested-action", new() { HasText = "Ya, benar" });
        await Expect(yes).ToBeVisibleAsync(Soon);
        await Expect(page.Locator(".webchat__suggested-action", new() { HasText = "Tidak" })).ToBeVisibleAsync(Soon);
        await HeadlessChromium.ScreenshotAsync(page, $"webchat-{transport}-1-reply");

        await yes.ClickAsync();
        await Expect(Bubble(page, "Pilihan Anda: ya")).ToBeVisibleAsync(Soon);

        await page.Locator("input[type='file']").SetInputFilesAsync(new FilePayload { Name = "jalan.png", MimeType = "image/png", Buffer = Png() });
        // The photo waits in the send box (it gets a thumbnail first) until the citizen presses send.
        await Expect(page.Locator(".webchat__attachment-icon--checked")).ToBeVisibleAsync(Soon);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim" }).ClickAsync();
        await Expect(Bubble(page, "Berkas diterima: 1")).ToBeVisibleAsync(Soon);
        await Expect(page.Locator("img[src*='/media/']")).ToBeVisibleAsync(Soon); // the citizen's photo, from the hub's public copy
        await HeadlessChromium.ScreenshotAsync(page, $"webchat-{transport}-2-choice-and-photo");

        // Every message of ours reached "sent": none is still waiting for its echo, none failed.
        await Expect(page.Locator(".webchat__activity-status--sending")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Expect(page.GetByText("Gagal mengirim")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Send failed")).ToHaveCountAsync(0);
        Assert.Equal(4, host.Handler.Handled.Count); // the greeting on open, the message, the choice, the photo
        if (transport == "websocket")
        {
            Assert.Contains(webSockets, url => url.Contains("/v3/directline/conversations/", StringComparison.Ordinal) && url.Contains("/stream?t=", StringComparison.Ordinal));
        }
        else
        {
            Assert.Empty(webSockets);
        }

        Assert.DoesNotContain("request failed", browser.Problems, StringComparison.Ordinal);
    }

    /// <summary>A message bubble's text (the transcript also repeats it in screen-reader labels).</summary>
    private static ILocator Bubble(IPage page, string text) =>
        page.Locator(".webchat__text-content").GetByText(text, new() { Exact = true });

    private static byte[] Png()
    {
        using var image = new Image<Rgba32>(64, 48, new Rgba32(30, 120, 200));
        using var buffer = new MemoryStream();
        image.SaveAsPng(buffer);
        return buffer.ToArray();
    }
}
