using System.Globalization;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Throttling;
using Lapor.Hub.Time;
using Lapor.Hub.Web.Operators;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Web.RateLimits;

/// <summary>
/// The <see cref="FilingThrottle"/> at the API's door, keyed on the citizen the filing names ("api:telegram:12345"),
/// else on the browser's cookie. API keys are separate from chat conversations: an unauthenticated caller naming a
/// citizen must not use up that citizen's own chat allowance. Staff filing on a citizen's behalf are not throttled.
/// </summary>
public static class ApiFilingThrottle
{
    public static async Task<IResult?> RefuseAsync(HttpContext http, ReportSubmission submission, string filingKey)
    {
        var services = http.RequestServices;
        if (http.User.Identity?.IsAuthenticated == true || services.GetRequiredService<OperatorKey>().IsPresentedBy(http)
            || KeyOf(http, submission) is not { } key)
        {
            return null;
        }

        var allowance = await services.GetRequiredService<IGrainFactory>().GetGrain<IFilingThrottleGrain>(key).TryRecord(filingKey);
        if (allowance.IsAllowed)
        {
            return null;
        }

        var wait = allowance.RetryAfter(services.GetRequiredService<HubClock>().UtcNow);
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var window = allowance.Window <= FilingThrottle.Hour ? "satu jam / one hour" : "24 jam / 24 hours";
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many reports",
            detail: $"{allowance.Filed} laporan dalam {window}; coba lagi nanti. / {allowance.Filed} reports in the window; try again later.",
            extensions: new Dictionary<string, object?> { ["code"] = "too-many-filings", ["retryAt"] = allowance.RetryAt });
    }

    private static string? KeyOf(HttpContext http, ReportSubmission submission) =>
        submission.ReporterAddress is { } address ? $"api:{submission.Channel}:{address}"
        : RateLimitClient.SignedBrowserId(http) is { } browser ? $"api-browser:{browser}"
        : null;
}
