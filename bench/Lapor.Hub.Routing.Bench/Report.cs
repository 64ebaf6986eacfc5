using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Lapor.Hub.Routing.Bench;

/// <summary>
/// Single-prediction latency: many Suggest calls one after the other on one thread, each timed alone, by the wall
/// clock and by the thread's own CPU clock. On a shared machine the wall clock also counts the time the thread
/// waited for a core (other processes' load); the CPU clock counts only the work of the call.
/// </summary>
internal sealed record Latency(int Count, double Median, double P99, double Max, double CpuMedian, double CpuP99)
{
    public static Latency Measure(RoutingModel model, IReadOnlyList<RoutingExample> inputs, int count)
    {
        // Warm up (JIT, caches) on a first pass, then time each call separately.
        foreach (var e in inputs.Take(500))
        {
            model.Suggest(e.Text, e.RegionCode);
        }

        var micros = new double[count];
        var cpuMicros = new double[count];
        for (var i = 0; i < count; i++)
        {
            var e = inputs[i % inputs.Count];
            var cpuStart = ThreadCpu.Microseconds();
            var start = Stopwatch.GetTimestamp();
            model.Suggest(e.Text, e.RegionCode);
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            cpuMicros[i] = ThreadCpu.Microseconds() - cpuStart;
        }

        Array.Sort(micros);
        Array.Sort(cpuMicros);
        var p99 = (int)Math.Ceiling(count * 0.99) - 1;
        return new Latency(count, micros[count / 2], micros[p99], micros[^1], cpuMicros[count / 2], cpuMicros[p99]);
    }
}

/// <summary>The calling thread's CPU time (Linux CLOCK_THREAD_CPUTIME_ID; NaN elsewhere).</summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static double Microseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
        {
            return double.NaN;
        }

        return (time.Seconds * 1e6) + (time.Nanoseconds / 1e3);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}

internal static class Report
{
    public static void Task(string name, TaskEvaluation task)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-19} top-1 {task.Accuracy:0.000}, top-3 {task.Top3Accuracy:0.000}, macro-F1 {task.MacroF1:0.000} over {task.Rows} rows;"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {"",-19} {task.RareRows} rows ({(double)task.RareRows / task.Rows:P1}) have a label rare or unseen in training (always wrong); top-1 on the rest {task.AccuracyExcludingRare:0.000}"));
    }

    public static void Target(string name, double value, double target, bool lowerIsBetter = false)
    {
        var met = lowerIsBetter ? value < target : value >= target;
        var gap = Math.Abs(value - target);
        var verdict = met ? "met" : string.Create(CultureInfo.InvariantCulture, $"NOT met, short by {gap:0.000}");
        var relation = lowerIsBetter ? "<" : "≥";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-20} {value,8:0.000}   target {relation} {target:0.00}   {verdict}"));
    }
}
