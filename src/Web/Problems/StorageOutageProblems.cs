using Lapor.Hub.Outages;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Web.Problems;

/// <summary>
/// The database is down, refusing logins, or every pooled connection is busy: 503 with <c>Retry-After</c>, so a client
/// sends the same request again later (with its idempotency key, it files once) instead of taking a 500 as final.
/// </summary>
public sealed partial class StorageOutageProblems(IProblemDetailsService problems, ILogger<StorageOutageProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageOutage.Caused(exception))
        {
            return false;
        }

        // One line, no stack trace: during an outage every request fails the same way, and /readyz says so too.
        LogUnavailable(context.Request.Method, context.Request.Path, exception.GetBaseException().Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = StorageOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage unavailable",
                Detail = "The hub cannot reach its database just now. It may not have been carried out; send the same request again later.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: storage unavailable ({Reason})")]
    private partial void LogUnavailable(string method, string path, string reason);
}
