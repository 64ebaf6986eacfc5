using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Lapor.Hub.Tests.Console.Browser;

/// <summary>axe-core with all its rules (WCAG 2.x A/AA and best practices) on the page as the browser shows it.</summary>
public static class AccessibilityCheck
{
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var results = await page.RunAxe();
        var violations = results.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}");
        Assert.True(results.Violations.Length == 0, $"Accessibility violations on {what}:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }
}
