using System.Diagnostics;
using System.Runtime;

namespace Lapor.Hub.Bench.Deadlines;

internal sealed record MemoryResult(long HeapBytes, long WorkingSetBytes, long Activations, int TicksBefore);

internal sealed record MeasureResult(
    long RemindersLoaded, double StartSeconds, double LoadSeconds, MemoryResult Memory, double IdleCpuCores, IReadOnlyList<StageResult> Stages,
    int OtherTicks, string TardinessUnit);

/// <summary>
/// Starts the hub on a data directory (a node restarting with its pending deadlines), waits until the reminder service has
/// loaded every reminder, measures memory before any tick is due, then watches the planned stages of ticks.
/// </summary>
internal static class DeadlineMeasuring
{
    private static readonly TimeSpan LoadStall = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(10);

    /// <param name="loadingWindow">Orleans' <c>ReminderLoadingWindow</c>: reminders due within it are held in memory (default 10 min).</param>
    public static async Task<MeasureResult> RunAsync(
        string dataDirectory, long expectedReminders, string? loadingWindow, IReadOnlyList<DeadlineStage> stages, TimeSpan drain)
    {
        var recorder = new TickRecorder();
        using var meters = new OrleansMeters();
        var clock = Stopwatch.StartNew();
        var app = InProcessHub.Build(dataDirectory, services => services.AddSingleton<IIncomingGrainCallFilter>(recorder),
            loadingWindow is null ? [] : [$"--Silo:Reminders:ReminderLoadingWindow={loadingWindow}"]);
        await app.StartAsync();
        var startSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  hub started in {startSeconds:F1} s; waiting for the reminder service to load {expectedReminders:N0} reminders");

        // Done when every row is loaded, or when the count has not moved for a while (then the run says how many are missing).
        var lastProgress = clock.Elapsed;
        var (lastCount, lastChange) = (-1L, clock.Elapsed);
        long loadedCount;
        while ((loadedCount = meters.RemindersLoaded) < expectedReminders && clock.Elapsed - lastChange < LoadStall)
        {
            if (loadedCount != lastCount)
            {
                (lastCount, lastChange) = (loadedCount, clock.Elapsed);
            }

            if (clock.Elapsed - lastProgress > TimeSpan.FromSeconds(5))
            {
                Console.WriteLine($"  reminders loaded: {loadedCount:N0} / {expectedReminders:N0}, {clock.Elapsed.TotalSeconds:F0} s");
                lastProgress = clock.Elapsed;
            }

            await Task.Delay(100);
        }

        var loadSeconds = (loadedCount >= expectedReminders ? clock.Elapsed : lastChange).TotalSeconds;
        Console.WriteLine($"  {loadedCount:N0} of {expectedReminders:N0} reminders loaded {loadSeconds:F1} s after start");
        await Task.Delay(TimeSpan.FromSeconds(10));
        var memory = MeasureMemory(meters, recorder);
        Console.WriteLine($"  memory: GC heap {memory.HeapBytes / 1e6:F1} MB, working set {memory.WorkingSetBytes / 1e6:F1} MB, "
            + $"{memory.Activations:N0} grain activations, {memory.TicksBefore} ticks handled so far");

        var idleCpu = 0.0;
        if (stages.Count > 0)
        {
            // The hub's own background work (pollers, the reminder list refresh), to tell apart from the ticks' cost.
            using var process = Process.GetCurrentProcess();
            var before = process.TotalProcessorTime;
            await Task.Delay(IdleWindow);
            process.Refresh();
            idleCpu = (process.TotalProcessorTime - before).TotalSeconds / IdleWindow.TotalSeconds;
            Console.WriteLine($"  idle before the first stage: {idleCpu:F2} cores over {IdleWindow.TotalSeconds:F0} s, {recorder.Count} ticks handled so far");
        }

        var results = new List<StageResult>();
        for (var i = 0; i < stages.Count; i++)
        {
            var until = i + 1 < stages.Count ? stages[i + 1].Start : stages[i].End + drain;
            results.Add(await WatchAsync(stages[i], until, recorder, meters));
            Console.WriteLine("  " + results[^1]);
        }

        // No graceful stop: nothing more is measured, and the child process exits once it has printed its result.
        var otherTicks = recorder.Ticks.Count(tick => !stages.Any(stage => stage.Holds(tick.ScheduledAt)));
        return new MeasureResult(loadedCount, startSeconds, loadSeconds, memory, idleCpu, results, otherTicks, meters.TardinessUnit);
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
