using Lapor.Hub.Tests.Browser;
using Lapor.Hub.Tests.Console.Browser;
using Microsoft.Playwright;

namespace Lapor.Hub.Tests.Console.Agency;

/// <summary>The officer's day on a phone in a real browser: sign in, open the queue and a report, post a follow-up; no accessibility violations.</summary>
public sealed class AgencyPagesBrowserTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [SkippableFact]
    public async Task An_officer_works_a_report_on_a_phone_without_accessibility_violations()
    {
        Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason);
        var report = await AgencyReports.FileAndForwardAsync(hub, "Drainase tersumbat", ConsoleHub.AgencyA);
        await using var browser = await HeadlessChromium.LaunchAsync();
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;

        // Without a return address, an officer lands on the agency's own queue.
        await page.GotoAsync(new Uri(hub.Settings.BaseAddress, "/masuk").ToString());
        await BrowserSignIn.SubmitAsync(page, ConsoleHub.OfficerA);
        await page.WaitForURLAsync("**/instansi");
        await AssertAccessibleAsync(page, "agency-queue", tab);

        await page.GetByRole(AriaRole.Link, new() { Name = report.TrackingId }).ClickAsync();
        await page.WaitForURLAsync($"**/instansi/laporan/{report.TrackingId}");
        await AssertAccessibleAsync(page, "agency-report", tab);

        await page.GetByLabel("Tindak lanjut", new() { Exact = true }).FillAsync("Saluran dibersihkan oleh Dinas PU hari ini.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim tindak lanjut" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        Assert.Contains("Tindak lanjut terkirim.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        await AssertAccessibleAsync(page, "agency-report-followed-up", tab);
        Assert.Single(await AgencyReports.FollowUpsAsync(hub, report.TrackingId));
    }

    private static async Task AssertAccessibleAsync(IPage page, string name, BrowserPage tab)
    {
        await HeadlessChromium.ScreenshotAsync(page, name);
        await Browser.AccessibilityCheck.AssertNoViolationsAsync(page, name);
    }
}
