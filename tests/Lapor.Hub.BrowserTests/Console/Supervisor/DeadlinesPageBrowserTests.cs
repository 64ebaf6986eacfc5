using Lapor.Hub.Tests.Browser;
using Lapor.Hub.Tests.Console.Public;

namespace Lapor.Hub.Tests.Console.Supervisor;

/// <summary>/pengawas in headless Chromium on a phone: the stacked chart draws, and the page passes axe.</summary>
public sealed class DeadlinesPageBrowserTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [SkippableFact]
    public async Task The_supervisor_page_draws_its_chart_and_passes_axe()
    {
        Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason);
        var overdue = await hub.FileAsync("Obat kosong", "Stok obat di puskesmas kosong selama dua minggu.");
        await hub.ForwardAsync(overdue, "KESEHATAN", ConsoleHub.AgencyB);
        await hub.MarkDeadlineMissedAsync(overdue, DateTimeOffset.UtcNow.AddHours(-2));
        await hub.FileAsync("Jalan berlubang", "Jalan berlubang besar di depan pasar Wonokromo.");
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var browser = await chromium.NewPageAsync();
        var page = browser.Page;

        await page.GotoAsync(new Uri(hub.Settings.BaseAddress, "/masuk?returnUrl=/pengawas").ToString());
        await page.FillAsync("#userName", ConsoleHub.Supervisor);
        await page.FillAsync("#password", ConsoleHub.Password);
        await page.ClickAsync("button[type=submit].primary");
        await page.WaitForURLAsync("**/pengawas");

        Assert.Equal(1, await page.Locator(".chart-box canvas").CountAsync());
        Assert.Equal(1, await page.Locator("#due-reports tbody tr").CountAsync());
        await HeadlessChromium.ScreenshotAsync(page, "supervisor-pengawas");
        await Browser.AccessibilityCheck.AssertNoViolationsAsync(page, "the supervisor's deadline page");
        Assert.DoesNotContain("page error", browser.Problems, StringComparison.Ordinal);
    }
}
