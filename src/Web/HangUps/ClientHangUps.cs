using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Web.HangUps;

/// <summary>
/// A client that hangs up while sending its body (a dropped mobile connection, a closed tab) did so itself: that is
/// logged at Debug and answered 499, never as the hub's own failure.
/// </summary>
/// <remarks>
/// ASP.NET Core recognises a hang-up only once the request's abort has been signalled, and Kestrel signals it through
/// the thread pool, after the failed read; under load the read's exception often comes first and was logged as an
/// unhandled exception. Where a reader swallows that exception instead (minimal API's JSON binding does), Kestrel then
/// drains the rest of the body from a reader left mid-read and logs that as an error. So the body is watched: a read
/// that fails because the client went away marks the request, and such a request ends by closing the connection.
/// </remarks>
public static partial class ClientHangUps
{
    /// <summary>Put right after the exception handler, so a hang-up never reaches it.</summary>
    public static IApplicationBuilder UseClientHangUps(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientHangUps).FullName!);
        return app.Use(async (context, next) =>
        {
            var body = new HangUpWatchingStream(context.Request.Body);
            context.Request.Body = body;
            try
            {
                await next(context);
            }
            catch (Exception exception) when (body.HungUp || IsHangUp(context, exception))
            {
                End(context, logger, exception);
                return;
            }

            if (body.HungUp)
            {
                End(context, logger, body.Failure!);
            }
        });
    }

    /// <summary>
    /// The connection was reset, aborted, or closed before the body Content-Length announced had arrived, or the
    /// request was aborted while the hub was reading or answering it.
    /// </summary>
    internal static bool IsHangUp(HttpContext? context, Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ConnectionResetException or ConnectionAbortedException
                || current is BadHttpRequestException { Message: UnexpectedEndOfBody }
                || (current is IOException or OperationCanceledException && context?.RequestAborted.IsCancellationRequested == true))
            {
                return true;
            }
        }

        return false;
    }

    // Kestrel's words (not localised) when the connection ends before the body does; it offers no public reason code.
    private const string UnexpectedEndOfBody = "Unexpected end of request content.";

    private static void End(HttpContext context, ILogger logger, Exception exception)
    {
        LogHangUp(logger, context.Request.Method, context.Request.Path, exception.GetBaseException().Message);
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
        }

        // Without this Kestrel drains the rest of the body after the request (and logs failing to); the client is gone.
        context.Abort();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}: the client hung up ({Reason})")]
    private static partial void LogHangUp(ILogger logger, string method, string path, string reason);
}
