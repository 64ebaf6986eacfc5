using System.Diagnostics;
using System.Runtime;

namespace Lapor.Hub.Bench.Deadlines;

internal sealed record MemoryResult(long HeapBytes, long WorkingSetBytes, long Activations, int TicksBefore);

internal sealed record MeasureResult(
    long RemindersLoaded, double StartSeconds, double LoadSeconds, MemoryResult Memory, IReadOnlyList<StageResult> Stages,
    int OtherTicks, string TardinessUnit);

/// <summary>
/// Starts the hub on a data directory (a node restarting with its pending deadlines), waits until the reminder service has
/// loaded every reminder, measures memory before any tick is due, then watches the planned stages of ticks.
/// </summary>
internal static class DeadlineMeasuring
{
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(20);

    public static async Task<MeasureResult> RunAsync(string dataDirectory, long expectedReminders, IReadOnlyList<DeadlineStage> stages, TimeSpan drain)
    {
        var recorder = new TickRecorder();
        using var meters = new OrleansMeters();
        var clock = Stopwatch.StartNew();
        var app = InProcessHub.Build(dataDirectory, services => services.AddSingleton<IIncomingGrainCallFilter>(recorder));
        await app.StartAsync();
        var startSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  hub started in {startSeconds:F1} s; waiting for the reminder service to load {expectedReminders:N0} reminders");

        var lastProgress = clock.Elapsed;
        while (meters.RemindersLoaded < expectedReminders)
        {
            if (clock.Elapsed > LoadTimeout)
            {
                throw new TimeoutException($"Only {meters.RemindersLoaded:N0} of {expectedReminders:N0} reminders loaded after {LoadTimeout}.");
            }

            if (clock.Elapsed - lastProgress > TimeSpan.FromSeconds(5))
            {
                Console.WriteLine($"  reminders loaded: {meters.RemindersLoaded:N0} / {expectedReminders:N0}, {clock.Elapsed.TotalSeconds:F0} s");
                lastProgress = clock.Elapsed;
            }

            await Task.Delay(100);
        }

        var loadSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  {meters.RemindersLoaded:N0} reminders loaded {loadSeconds:F1} s after start");
        await Task.Delay(TimeSpan.FromSeconds(10));
        var memory = MeasureMemory(meters, recorder);
        Console.WriteLine($"  memory: GC heap {memory.HeapBytes / 1e6:F1} MB, working set {memory.WorkingSetBytes / 1e6:F1} MB, "
            + $"{memory.Activations:N0} grain activations, {memory.TicksBefore} ticks handled so far");

        var results = new List<StageResult>();
        for (var i = 0; i < stages.Count; i++)
        {
            var until = i + 1 < stages.Count ? stages[i + 1].Start : stages[i].End + drain;
            results.Add(await WatchAsync(stages[i], until, recorder, meters));
            Console.WriteLine("  " + results[^1]);
        }

        var otherTicks = recorder.Ticks.Count(tick => !stages.Any(stage => stage.Holds(tick.ScheduledAt)));
        await app.StopAsync();
        await app.DisposeAsync();
        return new MeasureResult(expectedReminders, startSeconds, loadSeconds, memory, results, otherTicks, meters.TardinessUnit);
    }

    private static MemoryResult MeasureMemory(OrleansMeters meters, TickRecorder recorder)
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new MemoryResult(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64, meters.GrainActivations, recorder.Count);
    }

    private static async Task<StageResult> WatchAsync(DeadlineStage stage, DateTime until, TickRecorder recorder, OrleansMeters meters)
    {
        await DelayUntil(stage.Start);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var tardinessBefore = meters.TardinessValues.Count;
        Console.WriteLine($"  stage {stage.PerSecond:F0}/s: {stage.Count:N0} ticks due {stage.Start:HH:mm:ss}–{stage.End:HH:mm:ss} UTC");
        await DelayUntil(stage.End);

        IReadOnlyList<Tick> ticks = [];
        var lastProgress = DateTime.UtcNow;
        while (true)
        {
            ticks = recorder.Ticks.Where(tick => stage.Holds(tick.ScheduledAt)).ToArray();
            if (ticks.Count >= stage.Count || DateTime.UtcNow >= until)
            {
                break;
            }

            if (DateTime.UtcNow - lastProgress > TimeSpan.FromSeconds(5))
            {
                Console.WriteLine($"    catching up: {ticks.Count:N0} / {stage.Count:N0} handled");
                lastProgress = DateTime.UtcNow;
            }

            await Task.Delay(250);
        }

        process.Refresh();
        var finished = ticks.Count > 0 ? ticks.Max(tick => tick.HandledAt) : DateTime.UtcNow;
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / Math.Max(0.001, (DateTime.UtcNow - stage.Start).TotalSeconds);
        var handled = ticks.Where(tick => !tick.Failed).Select(tick => tick.LatenessSeconds).Order().ToArray();
        var tardiness = meters.TardinessValues.Skip(tardinessBefore).Order().ToArray();
        return new StageResult(
            stage.PerSecond, stage.Count, handled.Length, ticks.Count(tick => tick.Failed),
            Percentile(handled, 0.50), Percentile(handled, 0.99), handled.LastOrDefault(),
            handled.Length / Math.Max(0.001, (finished - stage.Start).TotalSeconds), cpu,
            Percentile(tardiness, 0.99), tardiness.LastOrDefault());
    }

    private static async Task DelayUntil(DateTime instant)
    {
        var wait = instant - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
