using System.Threading.RateLimiting;
using Lapor.Hub.Web.Operators;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Web.RateLimits;

/// <summary>
/// Per-client limits on what anyone can call without signing in. Signed-in staff and operator-key clients are not
/// limited: they work a queue all day. Refusals are 429 problem+json with Retry-After.
/// </summary>
public static class PublicRateLimits
{
    public const string Reading = "public-reading";
    public const string Filing = "public-filing";
    public const string SignIn = "sign-in";

    public static IServiceCollection AddPublicRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("RateLimits");
        var readsPerMinute = section.GetValue("ReadsPerMinute", 120);
        var filingsPerMinute = section.GetValue("FilingsPerMinute", 10);
        var signInsPerMinute = section.GetValue("SignInsPerMinute", 10);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Reading, http => PerClient(http, readsPerMinute));
            limiter.AddPolicy(Filing, http => PerClient(http, filingsPerMinute));
            limiter.AddPolicy(SignIn, http => PerClient(http, signInsPerMinute, exemptStaff: false));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: "Please wait a moment and try again. / Mohon tunggu sebentar lalu coba lagi.").ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext http, int permitsPerMinute, bool exemptStaff = true)
    {
        var isStaff = http.User.Identity?.IsAuthenticated == true || http.RequestServices.GetRequiredService<OperatorKey>().IsPresentedBy(http);
        if ((exemptStaff && isStaff) || permitsPerMinute <= 0)
        {
            return RateLimitPartition.GetNoLimiter("staff");
        }

        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
