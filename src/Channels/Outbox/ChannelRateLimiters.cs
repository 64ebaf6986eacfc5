using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Outbox;

/// <summary>One token bucket per channel, shared by every outbox on this silo, so a burst to many chats stays within the provider's limit.</summary>
public sealed class ChannelRateLimiters(IOptions<OutboxOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, RateLimiter?> _limiters = new();

    public async ValueTask WaitAsync(string channel, CancellationToken cancellationToken)
    {
        if (_limiters.GetOrAdd(channel, Create) is { } limiter)
        {
            using var lease = await limiter.AcquireAsync(1, cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter?.Dispose();
        }
    }

    private RateLimiter? Create(string channel) =>
        options.Value.PerChannelPerSecond.TryGetValue(channel, out var perSecond) && perSecond > 0
            ? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            })
            : null;
}
