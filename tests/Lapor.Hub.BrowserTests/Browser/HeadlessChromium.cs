using Microsoft.Playwright;

namespace Lapor.Hub.Tests.Browser;

/// <summary>
/// Debian's Chromium at /usr/bin/chromium driven by Microsoft.Playwright; never a downloaded browser. Tests that need
/// it start with <c>Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason)</c>.
/// </summary>
public static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static bool IsAvailable => File.Exists(ExecutablePath);

    public static string UnavailableReason =>
        $"Chromium is not installed at {ExecutablePath}; install Debian's package: apt-get install -y chromium";

    /// <summary>Where screenshots go: <c>TestResults/screenshots</c> under the test output directory (bin/…/net10.0).</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task<ChromiumSession> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
            });
            return new ChromiumSession(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Saves a full-page PNG named <paramref name="name"/> and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}

/// <summary>One launched browser. Pages record console errors and failed requests, for assertion messages.</summary>
public sealed class ChromiumSession(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
{
    /// <summary>A phone-sized viewport: the hub's pages must work there.</summary>
    public static ViewportSize PhoneViewport { get; } = new() { Width = 412, Height = 860 };

    public IBrowser Browser => browser;

    public async Task<BrowserPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? PhoneViewport, Locale = "id-ID" });
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
    }
}

public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];

    public BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => Record($"page error: {error}");
        page.RequestFailed += (_, request) => Record($"request failed: {request.Method} {request.Url} ({request.Failure})");
    }

    public IPage Page { get; }

    /// <summary>Console errors, uncaught exceptions and failed requests seen so far, one per line.</summary>
    public string Problems
    {
        get
        {
            lock (_problems)
            {
                return _problems.Count == 0 ? "(none)" : string.Join(Environment.NewLine, _problems);
            }
        }
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private void Record(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
