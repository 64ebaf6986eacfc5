using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Outcome = Lapor.Hub.Routing.RoutingEvaluator.Outcome;

namespace Lapor.Hub.Routing.Bench;

/// <summary>The trainers side by side, each evaluated by the same strict rule on the same split.</summary>
internal static class Comparison
{
    internal sealed record Result(string Name, TaskEvaluation Category, TaskEvaluation Agency, double Seconds);

    /// <summary>One trainer alone on the project's features and labels; no calibration, no coupling, no neighbours.</summary>
    public static Result Single(RoutingTrainerKind kind, IReadOnlyList<RoutingExample> train, IReadOnlyList<RoutingExample> test)
    {
        // L-BFGS is slow here (one full pass per iteration over ~200 classes): 30 iterations instead of its 100.
        var options = new RoutingTrainingOptions
        {
            Trainers = [kind],
            Calibrate = false,
            CoupleCategoryAndAgency = false,
            NearestNeighbours = false,
            Iterations = kind == RoutingTrainerKind.LbfgsMaximumEntropy ? 30 : null,
        };
        var clock = Stopwatch.StartNew();
        var model = RoutingTrainer.Train(train, options);
        var seconds = clock.Elapsed.TotalSeconds;
        var evaluation = RoutingEvaluator.Evaluate(model, test);
        var name = kind switch
        {
            RoutingTrainerKind.AveragedPerceptron or RoutingTrainerKind.LinearSvm => $"OneVersusAll {kind} (10 passes)",
            RoutingTrainerKind.LbfgsMaximumEntropy => $"{kind} (30 iterations)",
            _ => kind.ToString(),
        };
        return new Result(name, evaluation.Category, evaluation.Agency, seconds);
    }

    /// <summary>
    /// The reference point of the issue: ML.NET's default text pipeline (MapValueToKey + FeaturizeText on the raw
    /// text + SdcaMaximumEntropy with default settings), labels with fewer than 3 training rows folded into "(other)".
    /// </summary>
    public static Result FeaturizeTextBaseline(IReadOnlyList<RoutingExample> train, IReadOnlyList<RoutingExample> test)
    {
        var clock = Stopwatch.StartNew();
        var category = Baseline(train, test, e => e.Category);
        var agency = Baseline(train, test, e => e.Agency);
        return new Result("ML.NET FeaturizeText + SdcaMaximumEntropy (defaults)", category, agency, clock.Elapsed.TotalSeconds);
    }

    private sealed class TextRow
    {
        public string Text { get; set; } = "";

        public string Label { get; set; } = "";
    }

    private static TaskEvaluation Baseline(IReadOnlyList<RoutingExample> train, IReadOnlyList<RoutingExample> test, Func<RoutingExample, string> label)
    {
        var ml = new MLContext(1);
        var counts = train.GroupBy(label).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        string Fold(string l) => counts.GetValueOrDefault(l) >= 3 ? l : RoutingTrainingOptions.OtherLabel;
        var trainView = ml.Data.LoadFromEnumerable(train.Select(e => new TextRow { Text = e.Text, Label = Fold(label(e)) }).ToArray());
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", nameof(TextRow.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy());
        var model = pipeline.Fit(trainView);
        var scored = model.Transform(ml.Data.LoadFromEnumerable(test.Select(e => new TextRow { Text = e.Text, Label = Fold(label(e)) }).ToArray()));
        VBuffer<ReadOnlyMemory<char>> keys = default;
        scored.Schema["Label"].GetKeyValues(ref keys);
        var names = keys.DenseValues().Select(k => k.ToString()).ToArray();
        var scores = Scores(ml, scored);
        var outcomes = new Outcome[test.Count];
        for (var i = 0; i < test.Count; i++)
        {
            var s = scores[i];
            var ranked = Enumerable.Range(0, s.Length)
                .Where(c => names[c] != RoutingTrainingOptions.OtherLabel)
                .OrderByDescending(c => s[c])
                .Take(3)
                .Select(c => names[c])
                .ToArray();
            var truth = label(test[i]);
            outcomes[i] = new Outcome(truth, ranked, Fold(truth) == RoutingTrainingOptions.OtherLabel);
        }

        return RoutingEvaluator.EvaluateTask(outcomes);
    }

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }

    /// <summary>Each row's score vector, copied (GetColumn&lt;VBuffer&gt; hands out one reused buffer).</summary>
    private static float[][] Scores(MLContext ml, IDataView scored) =>
        ml.Data.CreateEnumerable<ScoreRow>(scored, reuseRowObject: false).Select(r => r.Score).ToArray();

    public static void Print(IReadOnlyList<Result> results)
    {
        var width = Math.Max(12, results.Max(r => r.Name.Length));
        Console.WriteLine($"  {"trainer".PadRight(width)}  {"topic top-1",11} {"top-3",6} {"macro-F1",8}   {"agency top-1",12} {"top-3",6} {"macro-F1",8}   {"train s",7}");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Name.PadRight(width)}  {r.Category.Accuracy,11:0.000} {r.Category.Top3Accuracy,6:0.000} {r.Category.MacroF1,8:0.000}   {r.Agency.Accuracy,12:0.000} {r.Agency.Top3Accuracy,6:0.000} {r.Agency.MacroF1,8:0.000}   {r.Seconds,7:0.0}"));
        }
    }
}

/// <summary>Progress of the default configuration's training on standard error, at once.</summary>
internal sealed class ConsoleProgress : IProgress<string>
{
    public void Report(string value) => Console.Error.WriteLine("  " + value);
}

internal static class Build
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif
}
