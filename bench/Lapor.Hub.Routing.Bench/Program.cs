// Routing benchmark: trains on the first 80% of the Surabaya 2022 complaints by submission date and evaluates
// on the latest 20%, by the strict rule (correct only when the suggestion equals the true label; rows whose label
// is rare or unseen in training stay in the denominator). Not a test: run it by hand, it takes a few minutes.
//
//   dotnet run -c Release --project bench/Lapor.Hub.Routing.Bench [-- [DATA.csv] [--full] [--ablations] [--tune] [--quick]
//       [--rolling[=DAYS]] [--diagnose]]
//
// DATA.csv defaults to ../shared/data/complaints/surabaya-2022-train.csv relative to the repository root.
// --full adds the slow ones to the comparison (about 10 more minutes): ML.NET's default text pipeline
// (FeaturizeText + SdcaMaximumEntropy, the issue's reference point), L-BFGS maximum entropy and SDCA hinge;
// --ablations retrains the default configuration without one ingredient at a time; --tune compares candidate
// settings on a validation slice from the end of the training period only (how the defaults were chosen;
// ROUTING_TUNE_ONLY=NAME runs just the candidate of that name); --quick leaves out the single trainers, LightGBM and
// the three-member ensemble (the nearest-neighbour rows and the default only); --rolling evaluates the same test period
// as the hub lives it, retrained every DAYS days (default 7) on everything filed before; --diagnose prints only the
// label diagnosis (what the labels allow, no model), which every run prints first.
using System.Diagnostics;
using System.Globalization;
using Lapor.Hub.Routing;
using Lapor.Hub.Routing.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var full = args.Contains("--full");
var quick = args.Contains("--quick");
var ablations = args.Contains("--ablations");
var tune = args.Contains("--tune");
var rollingArgument = args.FirstOrDefault(a => a == "--rolling" || a.StartsWith("--rolling=", StringComparison.Ordinal));
var rolling = rollingArgument is not null;
var rollingDays = 7;
if (rollingArgument is not null && rollingArgument.Contains('=')
    && (!int.TryParse(rollingArgument["--rolling=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out rollingDays) || rollingDays < 1))
{
    Console.Error.WriteLine($"{rollingArgument}: the retraining period is a whole number of days, at least 1 (e.g. --rolling=7)");
    return 2;
}

var diagnose = args.Contains("--diagnose");
var unknown = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a is not "--full" and not "--ablations" and not "--tune" and not "--quick" and not "--diagnose" && a != rollingArgument).ToArray();
if (unknown.Length > 0 || args.Count(a => !a.StartsWith("--", StringComparison.Ordinal)) > 1)
{
    Console.Error.WriteLine("usage: Lapor.Hub.Routing.Bench [DATA.csv] [--full] [--ablations] [--tune] [--quick] [--rolling[=DAYS]] [--diagnose]");
    return 2;
}

var dataPath = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? DefaultDataPath();
if (!File.Exists(dataPath))
{
    Console.Error.WriteLine($"no data at {dataPath} (pass the path of surabaya-2022-train.csv)");
    return 1;
}

// The region of a report is its district and subdistrict ("Tegalsari/Dr. Soetomo"), known when it is filed.
// 189 reports have no topic: they keep the label "(tanpa topik)" rather than being dropped.
var examples = RoutingData.ReadCsv(dataPath, "text", "topic", "agency", "district+subdistrict", "submitted_at", emptyLabel: "(tanpa topik)");
var ordered = examples.Select((e, i) => (e, i)).OrderBy(p => p.e.At).ThenBy(p => p.i).Select(p => p.e).ToArray();
var cut = (int)(ordered.Length * 0.8);
var train = ordered[..cut];
var test = ordered[cut..];

Console.WriteLine("Lapor.Hub routing benchmark");
Console.WriteLine($"data   {Path.GetFullPath(dataPath)}: {examples.Count} reports, {examples.Select(e => e.Category).Distinct().Count()} topics, {examples.Select(e => e.Agency).Distinct().Count()} agencies");
Console.WriteLine($"split  by submitted_at: train {train.Length} ({train[0].At:yyyy-MM-dd} … {train[^1].At:yyyy-MM-dd HH:mm}), test {test.Length} ({test[0].At:yyyy-MM-dd HH:mm} … {test[^1].At:yyyy-MM-dd})");
Console.WriteLine($"host   {Environment.ProcessorCount} cores, load average {LoadAverage()}, .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger" : Build.Configuration)} build");
Console.WriteLine("rule   strict: correct only when the suggestion equals the true label; rare/unseen labels stay in the denominator");
Console.WriteLine();

var options = new RoutingTrainingOptions();
Diagnosis.Print(train, test, options.MinExamplesPerLabel);
Console.WriteLine();
if (diagnose)
{
    return 0;
}

if (tune)
{
    Tuning.Run(train, Tuning.Candidates(options), Environment.GetEnvironmentVariable("ROUTING_TUNE_ONLY"));
    return 0;
}

if (rolling)
{
    // Side by side: models that learn every confirmation, and models that leave out the newest 20% (the held-back
    // slice), as the hub's retraining served them before it learned the slice too after promotion.
    var period = TimeSpan.FromDays(rollingDays);
    var rollingClock = Stopwatch.StartNew();
    var everything = Rolling.Run(train, test, options, period);
    var everythingSeconds = rollingClock.Elapsed.TotalSeconds;
    Console.WriteLine();
    rollingClock.Restart();
    var leavingOut = Rolling.Run(train, test, options, period, leaveOutNewest: new Lapor.Hub.Routing.Hosting.RoutingOptions().HoldBackFraction);
    var leavingOutSeconds = rollingClock.Elapsed.TotalSeconds;
    Console.WriteLine();
    Console.WriteLine($"Whole test period, retrained every {rollingDays} days (train s: all the retrainings together)");
    Comparison.Print(
    [
        new Comparison.Result("trained on everything filed before", everything.Category, everything.Agency, everythingSeconds),
        new Comparison.Result("… except the newest 20% (held back)", leavingOut.Category, leavingOut.Agency, leavingOutSeconds),
    ]);
    Report.Task("topic (category)", everything.Category);
    Report.Task("agency", everything.Agency);
    return 0;
}

var results = new List<Comparison.Result>();
if (full)
{
    Console.Error.WriteLine("baseline: ML.NET FeaturizeText + SdcaMaximumEntropy …");
    results.Add(Comparison.FeaturizeTextBaseline(train, test));
}

var kinds = new List<RoutingTrainerKind> { RoutingTrainerKind.AveragedPerceptron, RoutingTrainerKind.LinearSvm, RoutingTrainerKind.SdcaMaximumEntropy };
if (full)
{
    kinds.AddRange([RoutingTrainerKind.LbfgsMaximumEntropy, RoutingTrainerKind.SdcaHinge]);
}

foreach (var kind in quick ? [] : kinds)
{
    Console.Error.WriteLine($"{kind} alone …");
    results.Add(Comparison.Single(kind, train, test));
}

var clock = Stopwatch.StartNew();
if (!quick)
{
    Console.Error.WriteLine("LightGBM stacked on the linear scores …");
    results.Add(Stacking.LightGbmOnLinearScores(train, test, options));

    var withMaxEnt = options with { Trainers = [.. options.Trainers, RoutingTrainerKind.SdcaMaximumEntropy] };
    Console.Error.WriteLine($"{string.Join(" + ", withMaxEnt.Trainers)} …");
    clock.Restart();
    var largerModel = RoutingTrainer.Train(train, withMaxEnt, new ConsoleProgress());
    var largerSeconds = clock.Elapsed.TotalSeconds;
    var larger = RoutingEvaluator.Evaluate(largerModel, test);
    var members = string.Join(" + ", withMaxEnt.Trainers) + (withMaxEnt.NearestNeighbours ? " + kNN" : "");
    results.Add(new Comparison.Result($"{members}, calibrated, coupled", larger.Category, larger.Agency, largerSeconds));
}

// The retrieval member: the k nearest training reports by TF-IDF cosine vote with their similarity; alone (its
// vote only, uncoupled) and blended into the linear pair, k and β fitted on the calibration slice. When the default
// already includes it, the comparison is the default without it.
var knnOptions = options with { NearestNeighbours = !options.NearestNeighbours };
Console.Error.WriteLine(options.NearestNeighbours ? "default without nearest neighbours …" : "default + nearest neighbours …");
clock.Restart();
var knnModel = RoutingTrainer.Train(train, knnOptions, new ConsoleProgress());
var knnSeconds = clock.Elapsed.TotalSeconds;
var withKnn = options.NearestNeighbours ? null : knnModel;
if (withKnn is not null)
{
    var k = withKnn.Manifest.NeighbourCount;
    var alone = RoutingEvaluator.Evaluate(withKnn.WithNeighbours(k, 1f, 1f, coupled: false), test);
    results.Add(new Comparison.Result($"nearest neighbours alone (TF-IDF cosine, k = {k}, similarity-weighted vote)", alone.Category, alone.Agency, knnSeconds));
    var blended = RoutingEvaluator.Evaluate(withKnn, test);
    results.Add(new Comparison.Result(string.Create(CultureInfo.InvariantCulture, $"{string.Join(" + ", options.Trainers)} + kNN (k {k}, β {withKnn.Manifest.CategoryNeighbourWeight:0.0}/{withKnn.Manifest.AgencyNeighbourWeight:0.0}), calibrated, coupled"), blended.Category, blended.Agency, knnSeconds));
}
else
{
    var without = RoutingEvaluator.Evaluate(knnModel, test);
    results.Add(new Comparison.Result($"{string.Join(" + ", options.Trainers)}, calibrated, coupled (no kNN)", without.Category, without.Agency, knnSeconds));
}

Console.Error.WriteLine("default configuration …");
clock.Restart();
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var model = RoutingTrainer.Train(train, options, new ConsoleProgress());
var trainingSeconds = clock.Elapsed.TotalSeconds;
var trainingCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
var evaluation = RoutingEvaluator.Evaluate(model, test);
if (model.Neighbours is not null)
{
    var k = model.Manifest.NeighbourCount;
    var alone = RoutingEvaluator.Evaluate(model.WithNeighbours(k, 1f, 1f, coupled: false), test);
    results.Insert(results.Count - 1, new Comparison.Result($"nearest neighbours alone (TF-IDF cosine, k = {k}, similarity-weighted vote)", alone.Category, alone.Agency, trainingSeconds));
}

results.Add(new Comparison.Result(
    string.Create(CultureInfo.InvariantCulture, $"default: {string.Join(" + ", options.Trainers)}{(model.Neighbours is null ? "" : $" + kNN (k {model.Manifest.NeighbourCount}, β {model.Manifest.CategoryNeighbourWeight:0.0}/{model.Manifest.AgencyNeighbourWeight:0.0})")}, calibrated, coupled"),
    evaluation.Category,
    evaluation.Agency,
    trainingSeconds));

Console.WriteLine("Trainers compared (same split). Except the FeaturizeText baseline, all use the project's normalisation, features and");
Console.WriteLine("region-relative agencies; single trainers are uncalibrated and uncoupled; LightGBM is stacked on the default's linear");
Console.WriteLine("scores (linear models fitted on the first 85% of the training period, LightGBM on the latest 15%); training time covers both tasks");
Comparison.Print(results);
Console.WriteLine();

// The training's garbage is not the serving hub's: collect it before timing single predictions.
GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
var latency = Latency.Measure(model, test, count: 5000);
var directory = Path.Combine(Path.GetTempPath(), $"lapor-routing-bench-{Environment.ProcessId}");
model.Save(directory);
var size = new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length);
clock.Restart();
RoutingModel.Load(directory);
var loadMs = clock.Elapsed.TotalMilliseconds;
Directory.Delete(directory, recursive: true);

Console.WriteLine($"Default configuration: {string.Join(" + ", options.Trainers)} (one-versus-all, ML.NET), word 1–{options.WordNgramLength}-grams + character {options.CharNgramMin}–{options.CharNgramMax}-grams (TF-IDF),");
Console.WriteLine($"region features, region-relative agencies, min {options.MinExamplesPerLabel} examples per label, temperature-calibrated and category–agency coupled (λ {model.Manifest.CouplingStrength:0.###})");
Report.Task("topic (category)", evaluation.Category);
Report.Task("agency", evaluation.Agency);
Console.WriteLine($"  training            {trainingSeconds:0.0} s on {Environment.ProcessorCount} cores ({train.Length} rows, calibration slice included); CPU time {trainingCpuSeconds:0.0} s = {trainingCpuSeconds / Environment.ProcessorCount:0.0} s per core");
Console.WriteLine($"  prediction latency  median {latency.Median:0.0} µs, p99 {latency.P99:0.0} µs, max {latency.Max:0.0} µs wall clock ({latency.Count} single predictions, one thread)");
Console.WriteLine($"                      median {latency.CpuMedian:0.0} µs, p99 {latency.CpuP99:0.0} µs thread CPU time (the same calls, without waits for a core)");
Console.WriteLine($"  model               {model.Manifest.Features} features, {size / 1e6:0.0} MB on disk, loads in {loadMs:0} ms");
if (withKnn is not null)
{
    // The nearest-neighbour option (not the default): its cost per prediction and on disk, measured the same way.
    var knnLatency = Latency.Measure(withKnn, test, count: 5000);
    withKnn.Save(directory);
    var knnSize = new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length);
    Directory.Delete(directory, recursive: true);
    Console.WriteLine($"  with kNN (option)   median {knnLatency.Median:0.0} µs, p99 {knnLatency.P99:0.0} µs wall clock, p99 {knnLatency.CpuP99:0.0} µs CPU time; {knnSize / 1e6:0.0} MB on disk");
}
Console.WriteLine();

Console.WriteLine("Targets (strict rule, later period)");
Report.Target("agency top-1", evaluation.Agency.Accuracy, 0.80);
Report.Target("agency top-3", evaluation.Agency.Top3Accuracy, 0.92);
Report.Target("topic top-1", evaluation.Category.Accuracy, 0.60);
Report.Target("topic top-3", evaluation.Category.Top3Accuracy, 0.80);
Report.Target("prediction p99 (ms)", latency.P99 / 1000, 1.0, lowerIsBetter: true);
Report.Target("  CPU time p99 (ms)", latency.CpuP99 / 1000, 1.0, lowerIsBetter: true);
Report.Target("training (s)", trainingSeconds, 60, lowerIsBetter: true);
Report.Target("  CPU s per core", trainingCpuSeconds / Environment.ProcessorCount, 60, lowerIsBetter: true);

if (ablations)
{
    Console.WriteLine();
    Console.WriteLine("Ablations (the default configuration with one thing changed)");
    var variants = new (string Name, RoutingTrainingOptions Options)[]
    {
        ("no region features", options with { UseRegion = false }),
        ("no region-relative agencies", options with { RegionRelativeAgencies = false }),
        ("no category–agency coupling", options with { CoupleCategoryAndAgency = false }),
        ("no character n-grams", options with { CharNgramMax = 0 }),
        ("LinearSvm only", options with { Trainers = [RoutingTrainerKind.LinearSvm] }),
        ("min 5 examples per label", options with { MinExamplesPerLabel = 5 }),
    };
    var rows = new List<Comparison.Result>();
    foreach (var (name, variant) in variants)
    {
        Console.Error.WriteLine($"ablation: {name} …");
        clock.Restart();
        var m = RoutingTrainer.Train(train, variant);
        var seconds = clock.Elapsed.TotalSeconds;
        var e = RoutingEvaluator.Evaluate(m, test);
        rows.Add(new Comparison.Result(name, e.Category, e.Agency, seconds));
    }

    Comparison.Print(rows);
}

return 0;

static string DefaultDataPath()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Lapor.Hub.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", "complaints", "surabaya-2022-train.csv"));
            }
        }
    }

    return Path.GetFullPath("../shared/data/complaints/surabaya-2022-train.csv");
}

static string LoadAverage()
{
    try
    {
        return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "unknown";
    }
    catch (UnauthorizedAccessException)
    {
        return "unknown";
    }
}
