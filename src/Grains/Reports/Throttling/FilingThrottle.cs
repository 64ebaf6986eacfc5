namespace Lapor.Hub.Reports.Throttling;

/// <summary>
/// How many reports one citizen may file: at most <see cref="PerHour"/> in any hour and <see cref="PerDay"/> in any
/// 24 hours (0 turns a window off). The same rule for every entrance: a chat conversation, a Telegram user, an API
/// client naming its reporter. Bound from the section <c>RateLimits</c> (<c>FilingsPerHour</c>, <c>FilingsPerDay</c>).
/// </summary>
public sealed class FilingThrottleOptions
{
    public int FilingsPerHour { get; set; } = 5;

    public int FilingsPerDay { get; set; } = 20;
}

/// <summary>The rule itself: given when a citizen filed before, may they file now, and if not, until when not.</summary>
public sealed record FilingThrottle(int PerHour, int PerDay)
{
    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static FilingThrottle From(FilingThrottleOptions options) => new(options.FilingsPerHour, options.FilingsPerDay);

    /// <summary>Every window off: nothing to check and nothing to record.</summary>
    public bool IsOff => PerHour <= 0 && PerDay <= 0;

    /// <summary>The longest window that counts: older filings can be forgotten.</summary>
    public TimeSpan Memory => PerDay > 0 ? Day : Hour;

    public FilingAllowance Check(IEnumerable<DateTimeOffset> filedAt, DateTimeOffset now)
    {
        var recent = filedAt.Where(at => at > now - Memory).Order().ToArray();
        var refusals = new[] { Refusal(recent, now, Hour, PerHour), Refusal(recent, now, Day, PerDay) };
        return refusals.OfType<FilingAllowance>().MaxBy(r => r.RetryAt) ?? FilingAllowance.Allowed;
    }

    private static FilingAllowance? Refusal(DateTimeOffset[] recent, DateTimeOffset now, TimeSpan window, int limit)
    {
        if (limit <= 0)
        {
            return null;
        }

        var inWindow = recent.Where(at => at > now - window).ToArray();
        // Filing is allowed again when the oldest of the last `limit` filings leaves the window.
        return inWindow.Length < limit ? null : new FilingAllowance(false, inWindow.Length, window, inWindow[^limit] + window);
    }
}

/// <summary>Whether a filing may go ahead; when not, how many filings filled which window and when to try again.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.FilingAllowance")]
public sealed record FilingAllowance(
    [property: Id(0)] bool IsAllowed,
    [property: Id(1)] int Filed,
    [property: Id(2)] TimeSpan Window,
    [property: Id(3)] DateTimeOffset RetryAt)
{
    public static FilingAllowance Allowed { get; } = new(true, 0, TimeSpan.Zero, DateTimeOffset.MinValue);

    /// <summary>Time left until <see cref="RetryAt"/>, never negative.</summary>
    public TimeSpan RetryAfter(DateTimeOffset now) => RetryAt > now ? RetryAt - now : TimeSpan.Zero;

    /// <summary>The dialog text (Indonesian and English in DialogTexts) and its arguments: filings, then minutes or hours to wait.</summary>
    public (string Key, object[] Arguments) DialogText(DateTimeOffset now)
    {
        var wait = RetryAfter(now);
        return Window <= FilingThrottle.Hour
            ? ("TooManyFilingsHour", [Filed, Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))])
            : ("TooManyFilingsDay", [Filed, Math.Max(1, (int)Math.Ceiling(wait.TotalHours))]);
    }
}
