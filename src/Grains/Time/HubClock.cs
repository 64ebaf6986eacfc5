namespace Lapor.Hub.Time;

/// <summary>
/// The business clock that deadlines are measured against. It is separate from the
/// <see cref="TimeProvider"/> Orleans uses for its own timers, so a test can move business
/// time forward without disturbing the runtime.
/// </summary>
public sealed class HubClock(TimeProvider time)
{
    public static HubClock System { get; } = new(TimeProvider.System);

    public DateTimeOffset UtcNow => time.GetUtcNow();
}
