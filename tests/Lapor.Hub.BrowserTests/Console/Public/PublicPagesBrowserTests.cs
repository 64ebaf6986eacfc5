using Lapor.Hub.Tests.Browser;

namespace Lapor.Hub.Tests.Console.Public;

/// <summary>Map tiles come from the hub itself (any image will do), so the browser tests never reach the internet.</summary>
public sealed class LocalTilesHub : ConsoleHub
{
    protected override Task<IReadOnlyList<string>> ExtraArgumentsAsync() =>
        Task.FromResult<IReadOnlyList<string>>(["--Site:MapTileUrl=/lib/leaflet/images/layers.png?z={z}&x={x}&y={y}"]);
}

/// <summary>The public pages in headless Chromium on a phone: accessible (axe), and the map and charts draw without errors.</summary>
public sealed class PublicPagesBrowserTests(LocalTilesHub hub) : IClassFixture<LocalTilesHub>
{
    [SkippableFact]
    public async Task The_public_pages_pass_axe_and_draw_the_map_and_charts_without_errors()
    {
        Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason);
        var report = await hub.FileAsync("Lampu jalan padam", "Lampu jalan di Jalan Darmo padam sejak seminggu.");
        await hub.ForwardAsync(report, "PEKERJAAN-UMUM", ConsoleHub.AgencyA);
        await hub.FollowUpAsync(report, ConsoleHub.AgencyA, "Lampu sudah diganti oleh dinas terkait.");
        var placedByRegion = await hub.FileAsync(new { title = "Trotoar rusak", text = "Trotoar di sepanjang pusat kota rusak dan berlubang.", regionCode = "35.78" });
        await hub.ForwardAsync(placedByRegion, "PEKERJAAN-UMUM", ConsoleHub.AgencyA);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var browser = await chromium.NewPageAsync();
        var page = browser.Page;
        var failedResponses = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (failedResponses)
                {
                    failedResponses.Add($"{response.Status} {response.Url}");
                }
            }
        };

        await page.GotoAsync(Url("/laporan"));
        await page.Locator("#report-map .leaflet-marker-icon").First.WaitForAsync();
        // A report placed only by its region is drawn as an area around the region's point, not as a pin.
        await page.Locator("#report-map path.leaflet-interactive").First.WaitForAsync();
        // Leaving while tiles are still loading would abort them, and an aborted request reads as a failure.
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        Assert.True(await page.Locator("#report-map-status").IsHiddenAsync(), "the map loaded, so no notice");
        await AssertAccessibleAsync(page, "laporan");

        await page.GotoAsync(Url($"/laporan/{report.TrackingId}"));
        await AssertAccessibleAsync(page, "laporan-detail");

        await page.GotoAsync(Url("/lacak"));
        await AssertAccessibleAsync(page, "lacak");

        await page.GotoAsync(Url("/statistik"));
        Assert.Equal(3, await page.Locator(".chart-box canvas").CountAsync());
        await AssertAccessibleAsync(page, "statistik");

        Assert.Empty(failedResponses);
        Assert.Empty(ProblemsOtherThanAbandonedTiles(browser));
    }

    [SkippableFact]
    public async Task Without_tiles_the_map_says_so_and_the_list_still_works()
    {
        Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var browser = await chromium.NewPageAsync();
        await browser.Page.RouteAsync("**/lib/leaflet/images/layers.png*", route => route.AbortAsync());

        await browser.Page.GotoAsync(Url("/laporan"));

        await browser.Page.Locator("#report-map-status").WaitForAsync();
        Assert.True(await browser.Page.Locator("h2#list-heading").IsVisibleAsync());
        Assert.DoesNotContain("page error", browser.Problems, StringComparison.Ordinal);
    }

    /// <summary>Map tiles still loading when the test moves on are abandoned by the browser; that is not a failure of the page.</summary>
    private static string[] ProblemsOtherThanAbandonedTiles(BrowserPage browser) => browser.Problems == "(none)"
        ? []
        : browser.Problems.Split(Environment.NewLine)
            .Where(p => !(p.Contains("/lib/leaflet/images/layers.png?z=", StringComparison.Ordinal) && p.EndsWith("(net::ERR_ABORTED)", StringComparison.Ordinal)))
            .ToArray();

    private string Url(string path) => new Uri(hub.Settings.BaseAddress, path).ToString();

    private static async Task AssertAccessibleAsync(Microsoft.Playwright.IPage page, string name)
    {
        await HeadlessChromium.ScreenshotAsync(page, $"public-{name}");
        await Browser.AccessibilityCheck.AssertNoViolationsAsync(page, name);
    }
}
