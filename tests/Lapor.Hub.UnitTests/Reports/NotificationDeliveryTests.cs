using Lapor.Hub.Reports;
using static Lapor.Hub.Reports.NotificationStatus;

namespace Lapor.Hub.Tests.Reports;

/// <summary>Which news about a message replaces what the report's history shows: only progress on one channel, and the fallback after a failure.</summary>
public sealed class NotificationDeliveryTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    private static NotificationDelivery News(string channel, NotificationStatus status) => new(3, channel, status, At, 1);

    [Fact]
    public void Any_news_replaces_none() => Assert.True(News("whatsapp", Retrying).Supersedes(null));

    [Theory]
    [InlineData(Retrying, Queued)]
    [InlineData(Queued, Sent)]
    [InlineData(Sent, Delivered)]
    [InlineData(Delivered, Read)]
    [InlineData(Sent, Undelivered)]
    [InlineData(Delivered, Failed)]
    [InlineData(Retrying, Failed)]
    [InlineData(Failed, Read)]
    public void On_one_channel_news_further_along_replaces_the_known(NotificationStatus known, NotificationStatus news) =>
        Assert.True(News("whatsapp", news).Supersedes(News("whatsapp", known)));

    [Theory]
    [InlineData(Delivered, Sent)]
    [InlineData(Read, Delivered)]
    [InlineData(Failed, Retrying)]
    [InlineData(Undelivered, Sent)]
    [InlineData(Delivered, Queued)]
    [InlineData(Sent, Sent)]
    [InlineData(Read, Failed)]
    public void On_one_channel_a_late_or_repeated_callback_never_hides_progress(NotificationStatus known, NotificationStatus news) =>
        Assert.False(News("whatsapp", news).Supersedes(News("whatsapp", known)));

    [Theory]
    [InlineData(Failed, Retrying)]
    [InlineData(Undelivered, Queued)]
    [InlineData(Failed, Sent)]
    [InlineData(Undelivered, Delivered)]
    public void The_fallback_channel_takes_over_after_a_failure(NotificationStatus whatsApp, NotificationStatus sms) =>
        Assert.True(News("sms", sms).Supersedes(News("whatsapp", whatsApp)));

    [Theory]
    [InlineData(Retrying, Failed)]
    [InlineData(Sent, Undelivered)]
    [InlineData(Delivered, Read)]
    [InlineData(Delivered, Sent)]
    public void A_late_callback_from_the_channel_that_was_left_never_hides_the_fallback(NotificationStatus sms, NotificationStatus whatsApp) =>
        Assert.False(News("whatsapp", whatsApp).Supersedes(News("sms", sms)));
}
