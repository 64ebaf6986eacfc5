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
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static async Task<IReadOnlyList<string>> RunAsync()
    {
        var count = EnvLong("BENCH_DEADLINES", 1_000_000);
        var seedMinutes = EnvLong("BENCH_DEADLINES_SEED_MINUTES", 20);
        var rates = (Environment.GetEnvironmentVariable("BENCH_DEADLINES_RATES") ?? "12,100,400,1600")
            .Split(',').Select(rate => double.Parse(rate, CultureInfo.InvariantCulture)).ToArray();
        var stageSeconds = EnvLong("BENCH_DEADLINES_STAGE_SECONDS", 60);
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
            empty = await RunChildAsync<MeasureResult>(MeasureCommand, emptyDirectory.Path, "0", "-");
        }

        // The hub armed every deadline a day ahead. Some of them are brought forward into stages of known rates, as if the
        // node had been down until they came due; the lead leaves time to load every reminder and measure memory first.
        var lead = TimeSpan.FromSeconds(EnvLong("BENCH_DEADLINES_LEAD_SECONDS", 60 + table.Rows / 4_000));
        var stages = DeadlineStage.Plan(rates, stageSeconds, table.DeadlineRows, DateTime.UtcNow + lead, TimeSpan.FromSeconds(20));
        var moved = 0;
        foreach (var stage in stages)
        {
            moved += await ReminderTable.MoveFirstTicksAsync(directory.Path, moved, stage.Count, stage.Start, stage.PerSecond);
        }

        var stagesFile = Path.Combine(directory.Path, "bench-stages.json");
        await File.WriteAllTextAsync(stagesFile, JsonSerializer.Serialize(stages, Json));
        Console.WriteLine($"Deadlines: restarting the hub on {table.Rows:N0} reminders; {moved:N0} first ticks moved into {stages.Count} stages from {stages[0].Start:HH:mm:ss} UTC");
        var loaded = await RunChildAsync<MeasureResult>(MeasureCommand, directory.Path, table.Rows.ToString(CultureInfo.InvariantCulture), stagesFile);

        return Rows(seed, table, empty, loaded, total.Elapsed);
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
                result = await DeadlineMeasuring.RunAsync(args[1], long.Parse(args[2], CultureInfo.InvariantCulture), stages,
                    TimeSpan.FromSeconds(EnvLong("BENCH_DEADLINES_DRAIN_SECONDS", 180)));
                break;
            default:
                return false;
        }

        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result, result.GetType(), Json));
        return true;
    }

    private static IReadOnlyList<string> Rows(SeedResult seed, ReminderTableFacts table, MeasureResult empty, MeasureResult loaded, TimeSpan total)
    {
        var pending = table.DeadlineRows;
        var heapPer = (loaded.Memory.HeapBytes - empty.Memory.HeapBytes) / (double)pending;
        var workingSetPer = (loaded.Memory.WorkingSetBytes - empty.Memory.WorkingSetBytes) / (double)pending;
        var rows = new List<string>
        {
            $"deadlines: {seed.Filed:N0} reports filed through ReportCommandService ({seed.Concurrency} concurrent) in {seed.Seconds:F0} s "
                + $"({seed.Filed / seed.Seconds:F0}/s), {seed.Errors} errors; {pending:N0} pending deadlines",
            $"reminder table: {table.Rows:N0} rows ({table.OtherRows:N0} not deadlines), "
                + (table.TableBytes is { } bytes ? $"{bytes / 1e6:F1} MB with its indexes = {bytes / (double)table.Rows:F0} B/row" : "size unknown (no dbstat)")
                + $"; whole database {table.DatabaseBytes / 1e6:F0} MB",
            $"restart: hub started in {loaded.StartSeconds:F1} s, all {loaded.RemindersLoaded:N0} reminders loaded {loaded.LoadSeconds:F1} s after start (empty hub: {empty.StartSeconds:F1} s)",
            $"memory ({(GCSettings.IsServerGC ? "server" : "workstation")} GC): GC heap after full GC {loaded.Memory.HeapBytes / 1e6:F0} MB vs empty hub {empty.Memory.HeapBytes / 1e6:F0} MB "
                + $"=> {heapPer:F0} B per pending deadline; working set {loaded.Memory.WorkingSetBytes / 1e6:F0} MB vs {empty.Memory.WorkingSetBytes / 1e6:F0} MB => {workingSetPer:F0} B per pending deadline",
            $"  measured with {loaded.Memory.Activations:N0} grain activations (empty hub {empty.Memory.Activations:N0}) and {loaded.Memory.TicksBefore} deadline ticks handled before",
        };
        rows.AddRange(loaded.Stages.Select(stage => stage.ToString()));
        rows.Add($"  lateness = report grain done handling the tick - the tick's scheduled time; Orleans tardiness in '{loaded.TardinessUnit}'; "
            + $"{loaded.OtherTicks} ticks outside the stages; whole run {total.TotalMinutes:F1} min");
        return rows;
    }

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
        if (child.ExitCode != 0 || result is null)
        {
            throw new InvalidOperationException($"{arguments[0]} failed with exit code {child.ExitCode}.");
        }

        return JsonSerializer.Deserialize<T>(result, Json)!;
    }

    private static long EnvLong(string name, long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
