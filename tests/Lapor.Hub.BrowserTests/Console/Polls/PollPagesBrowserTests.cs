using Lapor.Hub.Calendar;
using Lapor.Hub.Polls;
using Lapor.Hub.Tests.Browser;
using Lapor.Hub.Tests.Console.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lapor.Hub.Tests.Console.Polls;

/// <summary>
/// An officer makes a poll in a real browser (the option inputs' script, the confirm dialog), watches the live results
/// refresh as votes come in, and the public page draws the chart: every page passes axe.
/// Screenshots: bin/…/TestResults/screenshots/poll-*.png.
/// </summary>
public sealed class PollPagesBrowserTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [SkippableFact]
    public async Task An_officer_creates_opens_and_watches_a_poll_and_the_public_page_draws_its_chart()
    {
        Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var tab = await chromium.NewPageAsync();
        var page = tab.Page;
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await BrowserSignIn.SignInAtAsync(page, hub.Settings.BaseAddress, ConsoleHub.OfficerA, "/konsol/polling");
        await AssertAccessibleAsync(page, "poll-console-list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Buat polling baru" }).ClickAsync();
        await page.WaitForURLAsync("**/konsol/polling/draf");

        // With the script, two option inputs show and more are added one by one.
        await Expect(page.Locator("#option-2")).ToBeHiddenAsync();
        await page.GetByLabel("Pertanyaan", new() { Exact = true }).FillAsync("Perlukah jalur sepeda di Jalan Darmo?");
        await page.Locator("#option-0").FillAsync("Perlu");
        await page.Locator("#option-1").FillAsync("Tidak perlu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tambah pilihan" }).ClickAsync();
        await page.Locator("#option-2").FillAsync("Perlu, tetapi hanya pada akhir pekan dan hari libur");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tambah pilihan" }).ClickAsync();
        await page.Locator("#option-3").FillAsync("Tidak tahu");
        var now = DateTimeOffset.UtcNow;
        await page.Locator("#opens").FillAsync(Local(now.AddMinutes(-1)));
        await page.Locator("#closes").FillAsync(Local(now.AddDays(3)));
        await page.GetByLabel("Tampilkan hasil kepada pemilih sebelum polling ditutup").CheckAsync();
        await AssertAccessibleAsync(page, "poll-draft-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan draf" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/konsol/polling/[a-z0-9]{12}$"));
        var pollId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        await Expect(page.Locator("#preview-whatsapp")).ToContainTextAsync("Perlu, tetapi hanya pad…");
        await Expect(page.Locator("#sms-count")).ToContainTextAsync("SMS");
        await AssertAccessibleAsync(page, "poll-draft-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buka polling" }).ClickAsync();
        await Expect(page.Locator("#poll-status")).ToHaveTextAsync("Dibuka");

        var grains = hub.Services.GetRequiredService<IGrainFactory>();
        await grains.GetPoll(pollId).Vote(new Ballot(new Voter("chat:telegram:5551", "telegram", "35.78", []), 0, "b-1", DateTimeOffset.UtcNow));
        await grains.GetPoll(pollId).Vote(new Ballot(new Voter("chat:webchat:5552", "webchat", "35.78", []), 2, "b-2", DateTimeOffset.UtcNow));
        // The live results refresh themselves: no reload.
        await Expect(page.Locator("#live-total")).ToHaveTextAsync("2 suara", new() { Timeout = 30_000 });
        await Expect(page.Locator("#live-channels tbody tr")).ToHaveCountAsync(2);
        await HeadlessChromium.ScreenshotAsync(page, "poll-live");
        await AssertAccessibleAsync(page, "poll-live");

        await page.GotoAsync(new Uri(hub.Settings.BaseAddress, "/polling").ToString());
        await AssertAccessibleAsync(page, "poll-public-list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Perlukah jalur sepeda di Jalan Darmo?" }).ClickAsync();
        await page.WaitForURLAsync($"**/polling/{pollId}");
        await page.Locator(".chart-box canvas").WaitForAsync();
        await Expect(page.Locator("#results tbody tr").First).ToContainTextAsync("1");
        await HeadlessChromium.ScreenshotAsync(page, "poll-public");
        await AssertAccessibleAsync(page, "poll-public");
    }

    private static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, IndonesianTimeZones.Wib).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task AssertAccessibleAsync(IPage page, string name)
    {
        await HeadlessChromium.ScreenshotAsync(page, name);
        await AccessibilityCheck.AssertNoViolationsAsync(page, name);
    }
}
