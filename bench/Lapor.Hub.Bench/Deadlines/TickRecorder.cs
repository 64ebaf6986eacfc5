using System.Collections.Concurrent;

namespace Lapor.Hub.Bench.Deadlines;

/// <summary>One reminder tick as the report grain saw it: its scheduled time, when the grain began and finished handling it.</summary>
internal readonly record struct Tick(DateTime ScheduledAt, DateTime StartedAt, DateTime HandledAt, bool Failed)
{
    public double LatenessSeconds => (HandledAt - ScheduledAt).TotalSeconds;
}

/// <summary>
/// An incoming grain call filter that times every <see cref="IRemindable.ReceiveReminder"/> the hub's grains handle. The bench
/// moves each measured reminder's first tick to a known instant, so <see cref="TickStatus.FirstTickTime"/> is the tick's
/// scheduled time, and the lateness counts until the report has handled its deadline (activation, state read, re-arm).
/// </summary>
internal sealed class TickRecorder : IIncomingGrainCallFilter
{
    private readonly ConcurrentQueue<Tick> _ticks = new();

    public int Count => _ticks.Count;

    public IReadOnlyList<Tick> Ticks => _ticks.ToArray();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.MethodName != nameof(IRemindable.ReceiveReminder) || context.Request.GetArgument(1) is not TickStatus status)
        {
            await context.Invoke();
            return;
        }

        var started = DateTime.UtcNow;
        var failed = true;
        try
        {
            await context.Invoke();
            failed = false;
        }
        finally
        {
            _ticks.Enqueue(new Tick(DateTime.SpecifyKind(status.FirstTickTime, DateTimeKind.Utc), started, DateTime.UtcNow, failed));
        }
    }
}
