using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Channels.Queues;
using Lapor.Hub.Channels.Telegram;

namespace Lapor.Hub.Tests.Channels.Queues;

public sealed class QueuePolicyTests
{
    private static readonly QueuePolicy Policy = new(
        MaxAttempts: 4, FirstRetryDelay: TimeSpan.FromSeconds(2), MaxRetryDelay: TimeSpan.FromSeconds(10), WakeUpPeriod: TimeSpan.FromMinutes(1));

    [Fact]
    public void Each_retry_waits_twice_as_long_up_to_the_cap()
    {
        var delays = Enumerable.Range(1, 5).Select(attempts => Policy.RetryDelay(attempts).TotalSeconds);

        Assert.Equal([2, 4, 8, 10, 10], delays);
    }

    [Fact]
    public void A_providers_retry_after_wins_when_it_is_longer_but_never_shortens_the_backoff()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Policy.RetryDelay(1, askedFor: TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(8), Policy.RetryDelay(3, askedFor: TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void An_item_is_given_up_once_it_has_failed_the_most_attempts()
    {
        Assert.True(Policy.RetriesAfter(3));
        Assert.False(Policy.RetriesAfter(4));
    }

    [Fact]
    public void A_long_run_of_failures_stays_at_the_cap_instead_of_overflowing() =>
        Assert.Equal(Policy.MaxRetryDelay, Policy.RetryDelay(int.MaxValue));

    [Fact]
    public void The_outbox_and_the_telegram_inbox_keep_their_configured_retries()
    {
        var outbox = new OutboxOptions().QueuePolicy();
        var inbox = new TelegramOptions { InboxWakeUpPeriod = TimeSpan.FromSeconds(30) }.InboxQueuePolicy();

        Assert.Equal((20, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10)), (outbox.MaxAttempts, outbox.RetryDelay(1), outbox.MaxRetryDelay));
        Assert.Equal([2, 4, 8, 16, 30, 30], Enumerable.Range(1, 6).Select(attempts => inbox.RetryDelay(attempts).TotalSeconds));
        Assert.Equal(10, inbox.MaxAttempts);
    }
}
