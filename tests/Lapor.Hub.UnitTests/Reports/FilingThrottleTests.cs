using System.Reflection;
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

    [Fact]
    public async Task With_every_window_off_no_throttle_grain_is_asked()
    {
        var grains = DispatchProxy.Create<IGrainFactory, RecordingGrainFactory>();
        var named = false;

        var allowance = await grains.TryRecordFilingAsync(
            new FilingThrottleOptions { FilingsPerHour = 0, FilingsPerDay = 0 }, () =>
            {
                named = true;
                return "api-browser:1";
            },
            "api:1");

        Assert.True(allowance.IsAllowed);
        Assert.Empty(((RecordingGrainFactory)(object)grains).Calls);
        Assert.False(named, "the citizen was named (an API client would have been handed a cookie)");
        Assert.True(new FilingThrottle(0, 0).IsOff);
        Assert.False(new FilingThrottle(0, 1).IsOff);
        Assert.False(new FilingThrottle(1, 0).IsOff);
    }

    [Fact]
    public async Task With_a_window_on_the_citizens_throttle_grain_is_asked()
    {
        var grains = DispatchProxy.Create<IGrainFactory, RecordingGrainFactory>();

        await Assert.ThrowsAsync<NotSupportedException>(() =>
            grains.TryRecordFilingAsync(new FilingThrottleOptions { FilingsPerHour = 5, FilingsPerDay = 0 }, () => "api-browser:1", "api:1"));

        Assert.Equal(["GetGrain"], ((RecordingGrainFactory)(object)grains).Calls);
    }

    /// <summary>An <see cref="IGrainFactory"/> that only records what was asked of it (no cluster runs in unit tests).</summary>
    public class RecordingGrainFactory : DispatchProxy
    {
        public List<string> Calls { get; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Calls.Add(targetMethod!.Name);
            throw new NotSupportedException("No cluster in a unit test.");
        }
    }
}
