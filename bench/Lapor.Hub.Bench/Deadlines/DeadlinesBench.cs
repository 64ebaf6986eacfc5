using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;

namespace Lapor.Hub.Bench.Deadlines;

/// <summary>
/// One node with many pending deadlines (issue 15): seeds real reports through the hub's own filing door, restarts the hub
/// on them, and measures the reminder service's load time, memory per pending deadline and how late deadline ticks are
/// handled at several rates. Seeding, the empty hub and the loaded hub each run in a child process of their own, so
/// memory figures compare processes that did the same thing.
/// </summary>
internal static class DeadlinesBench
{
    private const string SeedCommand = "deadlines-seed";
    private const string MeasureCommand = "deadlines-measure";
    private const string ResultPrefix = "RESULT ";
    private const string AllInMemoryWindow = "2.00:00:00";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static async Task<IReadOnlyList<string>> RunAsync()
    {
        var count = EnvLong("BENCH_DEADLINES", 1_000_000);
        var seedMinutes = EnvLong("BENCH_DEADLINES_SEED_MINUTES", 17);
        var rates = (Environment.GetEnvironmentVariable("BENCH_DEADLINES_RATES") ?? "12,100,400,1600,3200,6400")
            .Split(',').Select(rate => double.Parse(rate, CultureInfo.InvariantCulture)).ToArray();
        var stageSeconds = EnvLong("BENCH_DEADLINES_STAGE_SECONDS", 45);
        var drain = TimeSpan.FromSeconds(EnvLong("BENCH_DEADLINES_DRAIN_SECONDS", 180));
        var total = Stopwatch.StartNew();

        Console.WriteLine($"Deadlines: seeding {count:N0} reports (at most {seedMinutes} min)");
        using var directory = new TemporaryDirectory();
        var seed = await RunChildAsync<SeedResult>(SeedCommand, directory.Path, count.ToString(CultureInfo.InvariantCulture), (seedMinutes * 60).ToString(CultureInfo.InvariantCulture));
        var table = await ReminderTable.FactsAsync(directory.Path);
        Console.WriteLine($"  reminder table: {table.DeadlineRows:N0} deadline rows, {table.OtherRows:N0} others, "
            + $"{table.TableBytes / 1e6:F1} MB on disk; StartTime stored as '{await ReminderTable.SampleStartTimeAsync(directory.Path)}'");

        Console.WriteLine("Deadlines: an empty hub, measured the same way");
        MeasureResult empty;
        using (var emptyDirectory = new TemporaryDirectory())
        {
            empty = await RunChildAsync<MeasureResult>(MeasureCommand, emptyDirectory.Path, "0", "-", "-");
        }

        // Orleans holds in memory only the reminders due within its loading window (10 min by default); the rest stay in the
        // table. With a window of two days every pending deadline (armed at most a day ahead) is held: the most a node can need.
        Console.WriteLine($"Deadlines: restarting the hub with every one of the {table.Rows:N0} reminders held in memory (loading window {AllInMemoryWindow})");
        var allInMemory = await RunChildAsync<MeasureResult>(MeasureCommand, directory.Path, table.Rows.ToString(CultureInfo.InvariantCulture), "-", AllInMemoryWindow);

        // The hub armed every deadline a day ahead. Some of them are brought forward into stages of known rates, as if the
        // node had been down until they came due; the lead leaves time to load every reminder and measure memory first.
        var lead = TimeSpan.FromSeconds(EnvLong("BENCH_DEADLINES_LEAD_SECONDS", 60 + table.Rows / 10_000));
        var stages = DeadlineStage.Plan(rates, stageSeconds, table.DeadlineRows, DateTime.UtcNow + lead, TimeSpan.FromSeconds(20));
        var moved = 0;
        foreach (var stage in stages)
        {
            moved += await ReminderTable.MoveFirstTicksAsync(directory.Path, moved, stage.Count, stage.Start, stage.PerSecond);
        }

        var stagesFile = Path.Combine(directory.Path, "bench-stages.json");
        await File.WriteAllTextAsync(stagesFile, JsonSerializer.Serialize(stages, Json));
        Console.WriteLine($"Deadlines: restarting the hub (default loading window) on {table.Rows:N0} reminders; {moved:N0} first ticks moved into {stages.Count} stages from {stages[0].Start:HH:mm:ss} UTC");
        MeasureResult? staged = null;
        string? died = null;
        try
        {
            staged = await RunChildAsync<MeasureResult>(MeasureCommand, directory.Path, moved.ToString(CultureInfo.InvariantCulture), stagesFile, "-");
        }
        catch (ChildDiedException e)
        {
            // An overloaded hub can die (the 1,000,000 run's 6,400/s stage did); the stages it finished were printed above.
            died = e.Message;
        }

        var rows = Rows(seed, table, empty, allInMemory, total.Elapsed);
        rows.AddRange(staged is null ? [$"ticks: the hub died during the stages ({died}); the stages it finished are printed above"] : StageRows(staged, empty, total.Elapsed));
        return rows;
    }

    /// <summary>The child processes' entry: true when <paramref name="args"/> named one and it ran.</summary>
    public static async Task<bool> RunChildAsync(string[] args)
    {
        object result;
        switch (args.FirstOrDefault())
        {
            case SeedCommand:
                result = await DeadlineSeeding.RunAsync(args[1], long.Parse(args[2], CultureInfo.InvariantCulture),
                    TimeSpan.FromSeconds(long.Parse(args[3], CultureInfo.InvariantCulture)));
                break;
            case MeasureCommand:
                var stages = args[3] == "-" ? [] : JsonSerializer.Deserialize<DeadlineStage[]>(await File.ReadAllTextAsync(args[3]), Json)!;
                result = await DeadlineMeasuring.RunAsync(args[1], long.Parse(args[2], CultureInfo.InvariantCulture),
                    args[4] == "-" ? null : args[4], stages,
                    TimeSpan.FromSeconds(EnvLong("BENCH_DEADLINES_DRAIN_SECONDS", 180)));
                break;
            default:
                return false;
        }

        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result, result.GetType(), Json));
        await Console.Out.FlushAsync();
        // The hub in this process is left running (a graceful stop of a silo holding a million reminders takes minutes and
        // measures nothing), so the process ends itself at once.
        Process.GetCurrentProcess().Kill();
        return true;
    }

    private static List<string> Rows(SeedResult seed, ReminderTableFacts table, MeasureResult empty, MeasureResult allInMemory, TimeSpan total)
    {
        var pending = table.DeadlineRows;
        return
        [
            $"deadlines: {seed.Filed:N0} reports filed through ReportCommandService ({seed.Concurrency} concurrent) in {seed.Seconds:F0} s "
                + $"({seed.Filed / seed.Seconds:F0}/s), {seed.Errors} errors; {pending:N0} pending deadlines",
            $"reminder table: {table.Rows:N0} rows ({table.OtherRows:N0} not deadlines), {table.TableBytes / 1e6:F1} MB on disk with its two indexes "
                + $"= {table.TableBytes / (double)table.Rows:F0} B/row; whole database {table.DatabaseBytes / 1e6:F0} MB",
            $"empty hub ({(GCSettings.IsServerGC ? "server" : "workstation")} GC): started in {empty.StartSeconds:F1} s; {Memory(empty)}",
            $"all {pending:N0} in memory (loading window {AllInMemoryWindow}): {allInMemory.RemindersLoaded:N0} reminders loaded {allInMemory.LoadSeconds:F1} s after start; "
                + $"{Memory(allInMemory)} => {PerReminder(allInMemory, empty)}",
        ];
    }

    private static List<string> StageRows(MeasureResult staged, MeasureResult empty, TimeSpan total)
    {
        var rows = new List<string>
        {
            $"default window (10 min): {staged.RemindersLoaded:N0} reminders due soon loaded {staged.LoadSeconds:F1} s after start; "
                + $"{Memory(staged)} => {PerReminder(staged, empty)}",
        };
        rows.AddRange(staged.Stages.Select(stage => stage.ToString()));
        rows.Add($"  lateness = report grain done handling the tick - the tick's scheduled time; CPU of the whole process (idle before the stages: "
            + $"{staged.IdleCpuCores:F2} cores); Orleans tardiness in '{staged.TardinessUnit}'; "
            + $"{staged.OtherTicks} ticks outside the stages; whole run {total.TotalMinutes:F1} min");
        return rows;
    }

    private static string Memory(MeasureResult result) =>
        $"GC heap after full GC {result.Memory.HeapBytes / 1e6:F0} MB, working set {result.Memory.WorkingSetBytes / 1e6:F0} MB "
        + $"({result.Memory.Activations:N0} grain activations, {result.Memory.TicksBefore} ticks handled before)";

    private static string PerReminder(MeasureResult result, MeasureResult empty) =>
        $"{(result.Memory.HeapBytes - empty.Memory.HeapBytes) / (double)Math.Max(1, result.RemindersLoaded):F0} B heap, "
        + $"{(result.Memory.WorkingSetBytes - empty.Memory.WorkingSetBytes) / (double)Math.Max(1, result.RemindersLoaded):F0} B working set per reminder in memory";

    private static async Task<T> RunChildAsync<T>(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Lapor.Hub.Bench.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        string? result = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                result = line[ResultPrefix.Length..];
            }
            else
            {
                Console.WriteLine(line);
            }
        }

        await child.WaitForExitAsync();
        if (result is null)
        {
            throw new ChildDiedException($"{arguments[0]} ended with exit code {child.ExitCode} before its result.");
        }

        return JsonSerializer.Deserialize<T>(result, Json)!;
    }

    private static long EnvLong(string name, long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

internal sealed class ChildDiedException(string message) : Exception(message);
