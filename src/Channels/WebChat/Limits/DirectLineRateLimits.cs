using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>
/// Per-minute limits on the Direct Line calls that cost the hub something, bound from the section <c>RateLimits</c>
/// (0 turns one off). Opening a chat is limited per client address (there is no conversation yet); renewing a token,
/// starting or resuming a conversation and uploading are limited per conversation, uploads per address as well.
/// </summary>
public sealed class DirectLineRateLimitOptions
{
    /// <summary>New chats (<c>tokens/generate</c>) per client address: generous, many citizens share one NAT address.</summary>
    public int ChatStartsPerMinutePerAddress { get; set; } = 60;

    /// <summary><c>tokens/refresh</c>, <c>POST conversations</c> and reconnects per conversation (Web Chat needs a few an hour).</summary>
    public int ChatTokensPerMinutePerConversation { get; set; } = 10;

    /// <summary>Uploads per conversation.</summary>
    public int ChatUploadsPerMinutePerConversation { get; set; } = 10;

    /// <summary>Uploads per client address, over all its conversations.</summary>
    public int ChatUploadsPerMinutePerAddress { get; set; } = 60;
}

internal enum DirectLineLimit
{
    ChatStart,
    Token,
    Upload,
    UploadPerAddress,
}

/// <summary>Checks the <see cref="DirectLineRateLimitOptions"/> inside the endpoints, after the token proved the conversation.</summary>
public sealed class DirectLineRateLimits : IDisposable
{
    private readonly DirectLineRateLimitOptions _options;
    private readonly PartitionedRateLimiter<string> _limiter;

    public DirectLineRateLimits(IOptions<DirectLineRateLimitOptions> options)
    {
        _options = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(resource =>
            RateLimitPartition.GetFixedWindowLimiter(resource, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = PermitsOf(Enum.Parse<DirectLineLimit>(resource[..resource.IndexOf('|', StringComparison.Ordinal)])),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
    }

    /// <summary>Null when every check has a permit left; else a Direct Line 429 error with Retry-After.</summary>
    internal IResult? Refuse(HttpContext context, params (DirectLineLimit Limit, string Key)[] checks)
    {
        foreach (var (limit, key) in checks)
        {
            if (PermitsOf(limit) <= 0)
            {
                continue;
            }

            using var lease = _limiter.AttemptAcquire($"{limit}|{key}");
            if (!lease.IsAcquired)
            {
                var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return DirectLineResults.Error(StatusCodes.Status429TooManyRequests, "TooManyRequests",
                    "Terlalu banyak permintaan; mohon tunggu sebentar lalu coba lagi. (Too many requests; please wait a moment and try again.)");
            }
        }

        return null;
    }

    public void Dispose() => _limiter.Dispose();

    private int PermitsOf(DirectLineLimit limit) => limit switch
    {
        DirectLineLimit.ChatStart => _options.ChatStartsPerMinutePerAddress,
        DirectLineLimit.Token => _options.ChatTokensPerMinutePerConversation,
        DirectLineLimit.Upload => _options.ChatUploadsPerMinutePerConversation,
        _ => _options.ChatUploadsPerMinutePerAddress,
    };
}
