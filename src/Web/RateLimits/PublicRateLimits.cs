using System.Threading.RateLimiting;
using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Reports.Throttling;
using Lapor.Hub.Web.Operators;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Web.RateLimits;

/// <summary>
/// Limits on what anyone can call without signing in, per minute, twice over: per client (<see cref="RateLimitClient"/>:
/// a browser's signed cookie or an API client's reporter key), so a neighbourhood behind one carrier-grade NAT address
/// is not locked out together; and a ceiling per address (<see cref="ClientAddress"/>), ten times higher by default,
/// against one client that keeps dropping its cookie. Signed-in staff and operator-key clients are not limited: they
/// work a queue all day. Refusals are 429 problem+json with Retry-After.
/// </summary>
public static class PublicRateLimits
{
    public const string Reading = "public-reading";
    public const string Filing = "public-filing";
    public const string SignIn = "sign-in";

    /// <summary>The per-address ceiling, when not set, is this many times the per-client limit.</summary>
    public const int AddressCeilingFactor = 10;

    public static IServiceCollection AddPublicRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("RateLimits");
        var limits = new Dictionary<string, PublicLimit>
        {
            [Reading] = PublicLimit.From(section, "Reads", 120, exemptStaff: true),
            [Filing] = PublicLimit.From(section, "Filings", 10, exemptStaff: true),
            [SignIn] = PublicLimit.From(section, "SignIns", 10, exemptStaff: false),
        };
        services.Configure<FilingThrottleOptions>(section);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            foreach (var (policy, limit) in limits)
            {
                limiter.AddPolicy(policy, http => limit.Exempts(http) ? NoLimit : PerMinute(RateLimitClient.KeyOf(http), limit.PerClient));
            }

            // The ceiling runs first, for every endpoint that names one of the policies above.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName is { } policy
                && limits.TryGetValue(policy, out var limit) && !limit.Exempts(http)
                    ? PerMinute($"{policy}|{ClientAddress.Of(http)}", limit.PerAddress)
                    : NoLimit);
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

    private static RateLimitPartition<string> NoLimit { get; } = RateLimitPartition.GetNoLimiter("none");

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        permits <= 0
            ? NoLimit
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });

    /// <summary>One public limit: per client and per address, per minute (0 turns either off).</summary>
    private sealed record PublicLimit(int PerClient, int PerAddress, bool ExemptStaff)
    {
        /// <summary>Settings <c>RateLimits:{name}PerMinute</c> and <c>RateLimits:{name}PerMinutePerAddress</c>.</summary>
        public static PublicLimit From(IConfigurationSection section, string name, int perClient, bool exemptStaff)
        {
            var configured = section.GetValue($"{name}PerMinute", perClient);
            return new PublicLimit(configured, section.GetValue($"{name}PerMinutePerAddress", configured * AddressCeilingFactor), exemptStaff);
        }

        public bool Exempts(HttpContext http) =>
            ExemptStaff && (http.User.Identity?.IsAuthenticated == true || http.RequestServices.GetRequiredService<OperatorKey>().IsPresentedBy(http));
    }
}
