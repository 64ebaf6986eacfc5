using Lapor.Hub.Reports.Throttling;

namespace Lapor.Hub.Tests.Reports;

public sealed class FilingThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_hourly_allowance_frees_up_when_the_oldest_filing_of_the_hour_leaves_it()
    {
        var throttle = new FilingThrottle(PerHour: 2, PerDay: 0);

        var allowance = throttle.Check([Now.AddMinutes(-50), Now.AddMinutes(-10), Now.AddHours(-3)], Now);

        Assert.False(allowance.IsAllowed);
        Assert.Equal(2, allowance.Filed);
        Assert.Equal(Now.AddMinutes(10), allowance.RetryAt);
        var (key, arguments) = allowance.DialogText(Now);
        Assert.Equal("TooManyFilingsHour", key);
        Assert.Equal(new object[] { 2, 10 }, arguments);
    }

    [Fact]
    public void When_both_windows_are_full_the_later_retry_is_given()
    {
        var throttle = new FilingThrottle(PerHour: 1, PerDay: 2);

        var allowance = throttle.Check([Now.AddHours(-20), Now.AddMinutes(-5)], Now);

        Assert.Equal(FilingThrottle.Day, allowance.Window);
        Assert.Equal(Now.AddHours(4), allowance.RetryAt);
        Assert.Equal("TooManyFilingsDay", allowance.DialogText(Now).Key);
    }

    [Fact]
    public void Under_the_limits_or_with_them_off_filing_is_allowed()
    {
        Assert.True(new FilingThrottle(2, 5).Check([Now.AddMinutes(-5)], Now).IsAllowed);
        Assert.True(new FilingThrottle(0, 0).Check(Enumerable.Repeat(Now, 100), Now).IsAllowed);
    }
}
