using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Lapor.Hub.Tests.Console.Browser;

/// <summary>axe-core's WCAG 2.1 A/AA rules on the page as the browser shows it.</summary>
public static class AccessibilityCheck
{
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var violations = results.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}");
        Assert.True(results.Violations.Length == 0, $"Accessibility violations on {what}:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }
}
