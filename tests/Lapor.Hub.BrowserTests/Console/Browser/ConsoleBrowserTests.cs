using System.Text.Json;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Browser;
using Lapor.Hub.Web.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lapor.Hub.Tests.Console.Browser;

/// <summary>
/// The console in headless Chromium, end to end: an admin confirms the suggested routing by keyboard and forwards,
/// an officer of that agency posts a follow-up, and the public page shows the thread. Every page is checked with
/// axe-core; screenshots are kept under TestResults/screenshots.
/// </summary>
public sealed class ConsoleBrowserTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 20_000 };

    [SkippableFact]
    public async Task Admin_forwards_officer_follows_up_and_the_public_reads_the_thread()
    {
        Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason);
        var id = await FileAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync();

        string agency;
        await using (var admin = await chromium.NewPageAsync(new ViewportSize { Width = 1280, Height = 900 }))
        {
            var page = admin.Page;
            await SignInAsync(page, ConsoleHub.Admin);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Antrean verifikasi" })).ToBeVisibleAsync();
            await AccessibilityCheck.AssertNoViolationsAsync(page, "the verification queue");
            await HeadlessChromium.ScreenshotAsync(page, "console-1-admin-queue");

            await page.GetByRole(AriaRole.Link, new() { Name = id }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Laporan {id}" })).ToBeVisibleAsync();
            await Expect(page.Locator("#suggested-agencies li").First).ToBeVisibleAsync();
            await AccessibilityCheck.AssertNoViolationsAsync(page, "the admin's report page");
            await HeadlessChromium.ScreenshotAsync(page, "console-2-admin-report");
            agency = await page.Locator("#confirm-form input[name=agency]").InputValueAsync();

            await page.Keyboard.PressAsync("c"); // the one-key confirmation of the top suggestion
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Laporan {id} diteruskan", new() { Timeout = 20_000 });
            Assert.True(admin.Problems == "(none)", admin.Problems);
        }

        Assert.Equal("Forwarded", (await GetAsync(id)).GetProperty("status").GetString());
        var officer = $"petugas.{agency.ToLowerInvariant()}";
        await hub.CreateAccountAsync(officer, HubRoles.AgencyOfficer, agency);
        await using (var agencyPage = await chromium.NewPageAsync())
        {
            var page = agencyPage.Page;
            await SignInAsync(page, officer);
            await page.GotoAsync(new Uri(hub.Settings.BaseAddress, "/instansi").ToString());
            await AccessibilityCheck.AssertNoViolationsAsync(page, "the agency's list");
            await page.GetByRole(AriaRole.Link, new() { Name = id }).First.ClickAsync();
            await AccessibilityCheck.AssertNoViolationsAsync(page, "the officer's report page");
            await page.Locator("textarea#text").FillAsync("Petugas kebersihan sudah mengangkut sampah pagi ini.");
            await HeadlessChromium.ScreenshotAsync(page, "console-3-officer-follow-up");
            await page.Locator("#tindak-lanjut button[type=submit]").ClickAsync();
            await Expect(page.GetByText("Petugas kebersihan sudah mengangkut sampah pagi ini.").First).ToBeVisibleAsync(Soon);
            Assert.True(agencyPage.Problems == "(none)", agencyPage.Problems);
        }

        Assert.Equal("FollowedUp", (await GetAsync(id)).GetProperty("status").GetString());
        await using (var publicPage = await chromium.NewPageAsync())
        {
            var page = publicPage.Page;
            await page.GotoAsync(new Uri(hub.Settings.BaseAddress, $"/laporan/{id}").ToString());
            await Expect(page.GetByText("Petugas kebersihan sudah mengangkut sampah pagi ini.")).ToBeVisibleAsync(Soon);
            await Expect(page.GetByText("Siti")).ToHaveCountAsync(0);
            await AccessibilityCheck.AssertNoViolationsAsync(page, "the public report page");
            await HeadlessChromium.ScreenshotAsync(page, "console-4-public-thread");

            await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Track a report" })).ToBeVisibleAsync();
            Assert.True(publicPage.Problems == "(none)", publicPage.Problems);
        }
    }

    private async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync(new Uri(hub.Settings.BaseAddress, "/masuk").ToString());
        await AccessibilityCheck.AssertNoViolationsAsync(page, "the sign-in page");
        await BrowserSignIn.SubmitAsync(page, userName);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Keluar" })).ToBeVisibleAsync(Soon);
    }

    private async Task<string> FileAsync()
    {
        using var response = await hub.Public.PostJsonAsync("/api/reports",
            ApiJson.Report("Sampah menumpuk di depan SD Negeri 3 sudah dua minggu tidak diangkut, baunya menyengat."));
        return (await response.ReadJsonAsync()).GetProperty("trackingId").GetString()!;
    }

    private async Task<JsonElement> GetAsync(string id)
    {
        using var response = await hub.Operator.GetAsync($"/api/reports/{id}");
        return await response.ReadJsonAsync();
    }
}
