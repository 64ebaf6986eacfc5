using System.Diagnostics;

namespace Lapor.Hub.Bench;

/// <summary>What one load run measured: successes per second over the measured window, and latency percentiles.</summary>
internal sealed record LoadResult(string Name, int Clients, double Rate, double P50Ms, double P99Ms, long Errors, double? TargetRate = null)
{
    public override string ToString() =>
        $"{Name,-44} {Clients,3} clients  {Rate,9:F0}/s  p50 {P50Ms,7:F1} ms  p99 {P99Ms,7:F1} ms  errors {Errors}"
        + (TargetRate is { } target ? $"  (paced at {target:F0}/s)" : "");
}

/// <summary>Closed-loop load (each client sends its next request when the last one answered) and paced load.</summary>
internal static class Load
{
    /// <summary>
    /// The shortest warm-up. A fresh hub then goes on recompiling its hot code for 15–60 s (a CPU profile of the
    /// PostgreSQL filing run at 22–30 s found a third of the hub's CPU in the JIT's background thread), so the measured
    /// window opens only once that thread has fallen quiet (<see cref="TieredCompilation"/>), at most after
    /// <see cref="MaxWarmup"/>. BENCH_WARMUP_SECONDS and BENCH_MAX_WARMUP_SECONDS change them.
    /// </summary>
    public static readonly TimeSpan Warmup = TimeSpan.FromSeconds(Env("BENCH_WARMUP_SECONDS", 15));
    public static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(Env("BENCH_MAX_WARMUP_SECONDS", 90));
    public static readonly TimeSpan Measured = TimeSpan.FromSeconds(Env("BENCH_SECONDS", 15));

    /// <summary>The JIT thread's share of a core below which the process under load counts as compiled.</summary>
    private const double QuietJit = 0.03;
    private static readonly TimeSpan JitSample = TimeSpan.FromSeconds(4);

    /// <summary>
    /// A paced run starts a fresh hub; with a warm-up as short as the closed runs' the backlog of its first seconds was
    /// still being worked off in the first measured second.
    /// </summary>
    public static readonly TimeSpan PacedWarmup = Warmup * 2;

    /// <summary>As many requests as <paramref name="clients"/> can do; <paramref name="send"/> returns whether it succeeded.</summary>
    /// <paramref name="processId"/> is the process under load, whose compiling ends the warm-up.
    /// <paramref name="warmup"/> replaces the shortest warm-up (<see cref="Warmup"/>) for a process already warm.
    public static async Task<LoadResult> ClosedAsync(
        string name, int clients, int processId, Func<int, long, Task<bool>> send, TimeSpan? warmup = null)
    {
        var minimum = warmup ?? Warmup;
        Console.WriteLine($"  {name}: {clients} clients, {WarmupText(minimum)}, {Measured.TotalSeconds:F0} s measured …");
        var clock = Stopwatch.StartNew();
        var window = new Window();
        var warmingUp = window.OpenAfterWarmupAsync(clock, minimum, processId);
        long sequence = 0;
        var workers = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var latencies = new List<(double At, double Ms)>();
            long errors = 0;
            while (!window.IsOver(clock.Elapsed))
            {
                var began = clock.Elapsed;
                var ok = await SafeAsync(send, client, Interlocked.Increment(ref sequence));
                var finished = clock.Elapsed;
                if (window.Holds(began, finished) is { } start)
                {
                    if (ok)
                    {
                        latencies.Add(((began - start).TotalSeconds, (finished - began).TotalMilliseconds));
                    }
                    else
                    {
                        errors++;
                    }
                }
            }

            return (latencies, errors);
        })).ToArray();
        var results = await Task.WhenAll(workers);
        await warmingUp;
        return Summarize(name, clients, results, null);
    }

    /// <summary>
    /// <paramref name="rate"/> requests a second in total, each sent at its scheduled time (or at once when behind):
    /// latency counts from the scheduled time, so a hub that falls behind shows it.
    /// </summary>
    public static async Task<LoadResult> PacedAsync(string name, int clients, int processId, double rate, Func<int, long, Task<bool>> send)
    {
        Console.WriteLine($"  {name}: {rate:F0}/s from {clients} clients, {WarmupText(PacedWarmup)} at that pace …");
        var clock = Stopwatch.StartNew();
        var window = new Window();
        var warmingUp = window.OpenAfterWarmupAsync(clock, PacedWarmup, processId);
        var interval = TimeSpan.FromSeconds(clients / rate);
        long sequence = 0;
        var workers = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var latencies = new List<(double At, double Ms)>();
            long errors = 0;
            var scheduled = interval * client / clients;
            while (!window.IsOver(scheduled))
            {
                var wait = scheduled - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var ok = await SafeAsync(send, client, Interlocked.Increment(ref sequence));
                var finished = clock.Elapsed;
                if (window.Holds(scheduled, scheduled) is { } start)
                {
                    if (ok)
                    {
                        latencies.Add(((scheduled - start).TotalSeconds, (finished - scheduled).TotalMilliseconds));
                    }
                    else
                    {
                        errors++;
                    }
                }

                scheduled += interval;
            }

            return (latencies, errors);
        })).ToArray();
        var results = await Task.WhenAll(workers);
        await warmingUp;
        return Summarize(name, clients, results, rate);
    }

    private static string WarmupText(TimeSpan minimum) => TieredCompilation.IsReadable
        ? $"warm-up of {minimum.TotalSeconds:F0}–{Math.Max(minimum.TotalSeconds, MaxWarmup.TotalSeconds):F0} s until the JIT is quiet"
        : $"{minimum.TotalSeconds:F0} s warm-up";

    /// <summary>The measured window of one run: closed until the warm-up is over, then <see cref="Measured"/> long.</summary>
    private sealed class Window
    {
        private long _startTicks = -1;

        /// <summary>Whether <paramref name="at"/> is past the end of the window (never while it is still closed).</summary>
        public bool IsOver(TimeSpan at) => Volatile.Read(ref _startTicks) is var start and >= 0 && at >= TimeSpan.FromTicks(start) + Measured;

        /// <summary>The window's start if a request begun at <paramref name="began"/> and finished at <paramref name="finished"/> lies in it.</summary>
        public TimeSpan? Holds(TimeSpan began, TimeSpan finished)
        {
            var ticks = Volatile.Read(ref _startTicks);
            if (ticks < 0)
            {
                return null;
            }

            var start = TimeSpan.FromTicks(ticks);
            return began >= start && finished <= start + Measured ? start : null;
        }

        public async Task OpenAfterWarmupAsync(Stopwatch clock, TimeSpan minimum, int processId)
        {
            await Task.Delay(minimum);
            var note = "";
            if (TieredCompilation.IsReadable)
            {
                var jit = new TieredCompilation(processId);
                var before = jit.CpuTime();
                double share;
                do
                {
                    await Task.Delay(JitSample);
                    var now = jit.CpuTime();
                    // The runtime ends an idle JIT thread and starts another when needed: the time of one that ended is gone from the sum.
                    share = Math.Max(0, (now - before) / JitSample);
                    before = now;
                }
                while (share >= QuietJit && clock.Elapsed < MaxWarmup);

                note = share < QuietJit ? $"; the JIT thread at {share:P0} of a core" : $"; the JIT thread still at {share:P0} of a core";
            }

            Volatile.Write(ref _startTicks, clock.Elapsed.Ticks);
            Console.WriteLine($"    measuring after {clock.Elapsed.TotalSeconds:F0} s of warm-up{note}");
        }
    }

    private static async Task<bool> SafeAsync(Func<int, long, Task<bool>> send, int client, long sequence)
    {
        try
        {
            return await send(client, sequence);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or System.Data.Common.DbException)
        {
            return false;
        }
    }

    private static LoadResult Summarize(string name, int clients, (List<(double At, double Ms)> Latencies, long Errors)[] results, double? target)
    {
        var timed = results.SelectMany(result => result.Latencies).ToArray();
        var all = timed.Select(latency => latency.Ms).Order().ToArray();
        var result = new LoadResult(name, clients, all.Length / Measured.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99),
            results.Sum(r => r.Errors), target);
        Console.WriteLine($"    {result}");
        if (target is not null && timed.Length > 0)
        {
            // Whether the tail is spread out or one stall: the slowest second of the measured window.
            var worst = timed.GroupBy(latency => (int)latency.At).MaxBy(second => second.Max(latency => latency.Ms))!;
            var slowSeconds = timed.Where(latency => latency.Ms > 50).Select(latency => (int)latency.At).Distinct().Order().ToArray();
            Console.WriteLine($"      slowest second: {worst.Key}–{worst.Key + 1} s of {Measured.TotalSeconds:F0}, max {worst.Max(l => l.Ms):F0} ms, "
                + $"{worst.Count(l => l.Ms > 50)} of its {worst.Count()} requests over 50 ms; seconds with any request over 50 ms: {slowSeconds.Length}"
                + (slowSeconds.Length is > 0 and <= 8 ? $" ({string.Join(", ", slowSeconds)})" : ""));
        }

        return result;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    private static int Env(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;
}
