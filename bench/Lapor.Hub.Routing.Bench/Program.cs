using System.Diagnostics;
using System.Globalization;
using Lapor.Hub.Routing;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var data = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "../shared/data/complaints/surabaya-2022-train.csv";
var examples = RoutingData.ReadCsv(data, "text", "topic", "agency", "district+subdistrict", "submitted_at", emptyLabel: "(tanpa topik)");
var ordered = examples.Select((e, i) => (e, i)).OrderBy(p => p.e.At).ThenBy(p => p.i).Select(p => p.e).ToArray();
var cut = (int)(ordered.Length * 0.8);
var train = ordered[..cut];
var test = ordered[cut..];
Console.WriteLine($"{examples.Count} rows; train {train.Length} up to {train[^1].At:yyyy-MM-dd HH:mm}, test {test.Length} from {test[0].At:yyyy-MM-dd HH:mm}");

var variants = new List<(string Name, RoutingTrainingOptions Options)>();
var baseline = new RoutingTrainingOptions();
variants.Add(("default", baseline));
foreach (var arg in args.Where(a => a.StartsWith("--v=", StringComparison.Ordinal)))
{
    // --v=name:Key=Value,Key=Value
    var spec = arg[4..];
    var name = spec.Split(':')[0];
    var o = baseline;
    foreach (var kv in spec[(name.Length + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
    {
        var (k, v) = (kv.Split('=')[0], kv.Split('=')[1]);
        o = k switch
        {
            "Trainer" => o with { Trainers = v.Split('+').Select(Enum.Parse<RoutingTrainerKind>).ToArray() },
            "Min" => o with { MinExamplesPerLabel = int.Parse(v, CultureInfo.InvariantCulture) },
            "Word" => o with { WordNgramLength = int.Parse(v, CultureInfo.InvariantCulture) },
            "CMin" => o with { CharNgramMin = int.Parse(v, CultureInfo.InvariantCulture) },
            "CMax" => o with { CharNgramMax = int.Parse(v, CultureInfo.InvariantCulture) },
            "Df" => o with { MinDocumentFrequency = int.Parse(v, CultureInfo.InvariantCulture) },
            "WW" => o with { WordWeight = float.Parse(v, CultureInfo.InvariantCulture) },
            "CW" => o with { CharWeight = float.Parse(v, CultureInfo.InvariantCulture) },
            "RW" => o with { RegionWeight = float.Parse(v, CultureInfo.InvariantCulture) },
            "Region" => o with { UseRegion = bool.Parse(v) },
            "RelAg" => o with { RegionRelativeAgencies = bool.Parse(v) },
            "Couple" => o with { CoupleCategoryAndAgency = bool.Parse(v) },
            "Cal" => o with { Calibrate = bool.Parse(v) },
            "L2" => o with { L2Regularization = v == "null" ? null : float.Parse(v, CultureInfo.InvariantCulture) },
            "L1" => o with { L1Regularization = v == "null" ? null : float.Parse(v, CultureInfo.InvariantCulture) },
            "It" => o with { Iterations = v == "null" ? null : int.Parse(v, CultureInfo.InvariantCulture) },
            "Sub" => o with { SublinearTf = bool.Parse(v) },
            "Half" => o with { RecencyHalfLifeDays = double.Parse(v, CultureInfo.InvariantCulture) },
            _ => throw new ArgumentException(k),
        };
    }

    variants.Add((name, o));
}

if (args.Contains("--only"))
{
    variants.RemoveAt(0);
}

foreach (var (name, options) in variants)
{
    var clock = Stopwatch.StartNew();
    var progress = args.Contains("--progress") ? new Progress<string>(m => Console.Error.WriteLine(m)) : null;
    var model = RoutingTrainer.Train(train, options, progress);
    var seconds = clock.Elapsed.TotalSeconds;
    var evaluation = RoutingEvaluator.Evaluate(model, test);
    if (args.Contains("--dump"))
    {
        using var w = new StreamWriter($"/tmp/dump-{name}.tsv");
        foreach (var e in test)
        {
            var (c, a) = model.Rank(e.Text, e.RegionCode, 3);
            w.WriteLine(string.Join('\t', e.Category, c.FirstOrDefault()?.Label, c.FirstOrDefault()?.Confidence, e.Agency, a.FirstOrDefault()?.Label, a.FirstOrDefault()?.Confidence, e.RegionCode, e.Text.Replace('\n', ' ').Replace('\t', ' ')));
        }
    }
    Console.WriteLine($"{name,-24} cat {evaluation.Category.Accuracy:0.000}/{evaluation.Category.Top3Accuracy:0.000}/{evaluation.Category.MacroF1:0.000} ag {evaluation.Agency.Accuracy:0.000}/{evaluation.Agency.Top3Accuracy:0.000}/{evaluation.Agency.MacroF1:0.000} rare {evaluation.Category.RareRows}/{evaluation.Agency.RareRows} feats {model.Manifest.Features} T {model.Manifest.CategoryTemperature:0.00}/{model.Manifest.AgencyTemperature:0.00} λ {model.Manifest.CouplingStrength:0.00} {seconds:0.0}s");
}

// Single-prediction latency of the last model, on one thread: what an admin waits for when a report is filed.
var latencyModel = RoutingTrainer.Train(train, variants[^1].Options);
var texts = test.Select(e => (e.Text, e.RegionCode)).ToArray();
for (var i = 0; i < 500; i++)
{
    latencyModel.Suggest(texts[i % texts.Length].Text, texts[i % texts.Length].RegionCode);
}

var samples = new double[5000];
for (var i = 0; i < samples.Length; i++)
{
    var (text, region) = texts[i % texts.Length];
    var started = Stopwatch.GetTimestamp();
    latencyModel.Suggest(text, region);
    samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

Array.Sort(samples);
Console.WriteLine($"prediction latency over {samples.Length} single predictions: median {samples[samples.Length / 2]:0.000} ms, p99 {samples[(int)(samples.Length * 0.99)]:0.000} ms");

