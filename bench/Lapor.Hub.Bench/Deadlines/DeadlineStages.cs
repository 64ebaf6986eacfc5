namespace Lapor.Hub.Bench.Deadlines;

/// <summary>A stretch of time in which <see cref="Count"/> deadline reminders come due, <see cref="PerSecond"/> a second.</summary>
internal sealed record DeadlineStage(double PerSecond, int Count, DateTime Start)
{
    public DateTime End => Start.AddSeconds(Count / PerSecond);

    public bool Holds(DateTime scheduledAt) => scheduledAt >= Start.AddMilliseconds(-5) && scheduledAt <= End.AddMilliseconds(5);

    /// <summary>
    /// Stages one after the other, <paramref name="gap"/> apart, starting at <paramref name="start"/>; each lasts
    /// <paramref name="seconds"/> unless the pending deadlines do not suffice, then all are shortened alike.
    /// </summary>
    public static IReadOnlyList<DeadlineStage> Plan(IReadOnlyList<double> rates, double seconds, long available, DateTime start, TimeSpan gap)
    {
        var needed = rates.Sum() * seconds;
        if (needed > available)
        {
            seconds *= available / needed;
        }

        var stages = new List<DeadlineStage>();
        foreach (var rate in rates)
        {
            var stage = new DeadlineStage(rate, (int)(rate * seconds), start);
            stages.Add(stage);
            start = stage.End + gap;
        }

        return stages;
    }
}

/// <summary>What one stage measured: ticks handled by the report grains, their lateness, the rate and CPU.</summary>
internal sealed record StageResult(
    double PerSecond, int Scheduled, int Handled, int Failed, double P50Seconds, double P99Seconds, double MaxSeconds,
    double HandledPerSecond, double CpuCores, double OrleansTardinessP99, double OrleansTardinessMax)
{
    public override string ToString() =>
        $"deadline ticks at {PerSecond,5:F0}/s: {Handled,7:N0} / {Scheduled,7:N0} handled ({Failed} failed) at {HandledPerSecond,6:F0}/s; "
        + $"late p50 {P50Seconds,6:F2} s p99 {P99Seconds,6:F2} s max {MaxSeconds,6:F2} s; CPU {CpuCores:F2} cores; "
        + $"Orleans tardiness p99 {OrleansTardinessP99:F2} max {OrleansTardinessMax:F2}";
}
