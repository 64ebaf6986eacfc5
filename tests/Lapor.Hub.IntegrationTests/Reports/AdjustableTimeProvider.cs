namespace Lapor.Hub.Tests.Reports;

/// <summary>Real time plus an offset the test moves forward, so business deadlines pass while Orleans keeps real time.</summary>
public sealed class AdjustableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock so that it now reads <paramref name="instant"/> (and keeps running from there).</summary>
    public void JumpTo(DateTimeOffset instant) =>
        Interlocked.Exchange(ref _offsetTicks, (instant - base.GetUtcNow()).Ticks);
}
