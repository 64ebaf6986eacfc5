using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lapor.Hub.Tests.Channels.Flow;

/// <summary>What a citizen does and sees in the official Web Chat control, for the flow tests.</summary>
internal static partial class WebChatPage
{
    public static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 30_000 };

    /// <summary>The send box, once the control says it is connected.</summary>
    public static async Task<ILocator> ConnectedSendBoxAsync(IPage page)
    {
        await Expect(page.GetByText("Status Konektivitas: Tersambung")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        return page.Locator("[data-id='webchat-sendbox-input']");
    }

    public static async Task SendAsync(ILocator sendBox, string text)
    {
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
    }

    /// <summary>Taps the newest suggested action with this label (Web Chat renders the latest set only).</summary>
    public static Task ChooseAsync(IPage page, string label) =>
        page.Locator(".webchat__suggested-action", new() { HasText = label }).Last.ClickAsync();

    public static ILocator Bubble(IPage page, string text) =>
        page.Locator(".webchat__text-content").Filter(new() { HasText = text }).Last;

    public static ILocator ExactBubble(IPage page, string text) =>
        page.Locator(".webchat__text-content").GetByText(text, new() { Exact = true });

    [GeneratedRegex("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{3}")]
    public static partial Regex TrackingId();
}
