using System.Globalization;
using Lapor.Hub.Outages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Channels.Hosting;

/// <summary>
/// A webhook that could not record what it was sent answers 503 with <c>Retry-After</c>: nothing was acknowledged,
/// and Telegram, Twilio, Meta and Jasmin all deliver again on a 5xx, the ones that read it no sooner than asked.
/// </summary>
public static class WebhookRetry
{
    /// <summary>503 with <c>Retry-After</c>.</summary>
    public static IResult Later(HttpContext http)
    {
        http.Response.Headers.RetryAfter = StorageOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>A storage outage is expected and logged as a warning without a stack trace; anything else is an error.</summary>
    public static LogLevel LevelFor(Exception exception) => StorageOutage.Caused(exception) ? LogLevel.Warning : LogLevel.Error;

    /// <summary>The exception to log with: none for a storage outage (its message says enough, once per request).</summary>
    public static Exception? Logged(Exception exception) => StorageOutage.Caused(exception) ? null : exception;
}
