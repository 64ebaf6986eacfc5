using Lapor.Hub.Tests.Browser;
using Lapor.Hub.Tests.Console.Browser;
using Microsoft.Playwright;

namespace Lapor.Hub.Tests.Console.Admin;

public sealed class RoutingModelPageBrowserTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [SkippableFact]
    public async Task An_admin_asks_for_a_retraining_from_the_model_page_without_accessibility_violations()
    {
        Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason);
        await using var browser = await HeadlessChromium.LaunchAsync();
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;
        await BrowserSignIn.SignInAtAsync(page, hub.Settings.BaseAddress, ConsoleHub.Admin, "/admin/model");

        // The chart is drawn over the versions table, which stays the accessible source of the figures.
        await page.Locator(".chart-box canvas").WaitForAsync();
        await HeadlessChromium.ScreenshotAsync(page, "routing-model");
        await AccessibilityCheck.AssertNoViolationsAsync(page, "routing-model");

        await page.GetByRole(AriaRole.Button, new() { Name = "Latih ulang sekarang" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/model");
        Assert.Contains("Pelatihan ulang dimulai.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        await AccessibilityCheck.AssertNoViolationsAsync(page, "routing-model-retraining");
    }
}
