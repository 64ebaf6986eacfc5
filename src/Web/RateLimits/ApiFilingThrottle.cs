using System.Globalization;
using Lapor.Hub.Reports.Throttling;
using Lapor.Hub.Time;
using Lapor.Hub.Web.Operators;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Web.RateLimits;

/// <summary>
/// The <see cref="FilingThrottle"/> at the API's door, keyed on the client as the per-minute limits know it (the browser's
/// signed cookie, else the reporter key it presents; the API names no chat address: ADR 0010). Staff are not throttled.
/// </summary>
public static class ApiFilingThrottle
{
    public static async Task<IResult?> RefuseAsync(HttpContext http, string filingKey)
    {
        var services = http.RequestServices;
        if (http.User.Identity?.IsAuthenticated == true || services.GetRequiredService<OperatorKey>().IsPresentedBy(http))
        {
            return null;
        }

        var throttle = services.GetRequiredService<IOptions<FilingThrottleOptions>>().Value;
        var allowance = await services.GetRequiredService<IGrainFactory>()
            .TryRecordFilingAsync(throttle, () => $"api-{RateLimitClient.KeyOf(http)}", filingKey);
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
}
