using System.Diagnostics;
using System.Globalization;

namespace Lapor.Hub.Routing.Bench;

/// <summary>
/// Hyper-parameter candidates compared on a validation slice carved from the end of the training period (the
/// test period is never looked at): train on the first 85% of the training rows by date, evaluate on the rest.
/// </summary>
internal static class Tuning
{
    /// <summary>The settings compared when the defaults were chosen (each the default with one thing changed).</summary>
    public static IEnumerable<(string Name, RoutingTrainingOptions Options)> Candidates(RoutingTrainingOptions o)
    {
        yield return ("default", o);
        yield return ("nearest neighbours " + (o.NearestNeighbours ? "off" : "on"), o with { NearestNeighbours = !o.NearestNeighbours });
        yield return ("recency half-life 60 days", o with { RecencyHalfLifeDays = 60 });
        yield return ("recency half-life 180 days", o with { RecencyHalfLifeDays = 180 });
        yield return ("LinearSvm + SdcaMaximumEntropy", o with { Trainers = [RoutingTrainerKind.LinearSvm, RoutingTrainerKind.SdcaMaximumEntropy] });
        yield return ("+ SdcaMaximumEntropy", o with { Trainers = [.. o.Trainers, RoutingTrainerKind.SdcaMaximumEntropy] });
        yield return ("SdcaMaximumEntropy alone, calibrated", o with { Trainers = [RoutingTrainerKind.SdcaMaximumEntropy] });
        yield return ("L2 3e-4", o with { L2Regularization = 3e-4f });
        yield return ("character 2–5-grams", o with { CharNgramMin = 2, CharNgramMax = 5 });
        yield return ("no character n-grams", o with { CharNgramMax = 0 });
        yield return ("chi-square: 20,000 features", o with { MaxFeatures = 20_000 });
        yield return ("chi-square: 30,000 features", o with { MaxFeatures = 30_000 });
        yield return ("min 2 examples per label", o with { MinExamplesPerLabel = 2 });
        yield return ("first 150 tokens", o with { MaxTokens = 150 });
        yield return ("first 120 tokens", o with { MaxTokens = 120 });
    }

    public static void Run(IReadOnlyList<RoutingExample> train, IEnumerable<(string Name, RoutingTrainingOptions Options)> candidates, string? only = null)
    {
        candidates = candidates.Where(c => only is null || c.Name == only);
        var cut = (int)(train.Count * 0.85);
        var fit = train.Take(cut).ToArray();
        var validation = train.Skip(cut).ToArray();
        Console.WriteLine($"Tuning on a validation slice: fit {fit.Length} rows, validate on the latest {validation.Length} rows of the training period");
        var results = new List<Comparison.Result>();
        foreach (var (name, options) in candidates)
        {
            var clock = Stopwatch.StartNew();
            var model = RoutingTrainer.Train(fit, options, new ConsoleProgress());
            var seconds = clock.Elapsed.TotalSeconds;
            var e = RoutingEvaluator.Evaluate(model, validation);
            var result = new Comparison.Result(name, e.Category, e.Agency, seconds);
            results.Add(result);
            if (model.Neighbours is not null)
            {
                // The retrieval member's blend on the validation slice: alone, and over a grid of k and β (the model's
                // own k and β were fitted on its calibration slice, inside the fit rows).
                foreach (var (k, beta, coupled) in new[] { (10, 1f, false), (20, 1f, false), (40, 1f, false) }
                    .Concat(from k in new[] { 10, 20, 40 } from beta in new[] { 0.1f, 0.2f, 0.3f, 0.5f } select (k, beta, true)))
                {
                    var v = RoutingEvaluator.Evaluate(model.WithNeighbours(k, beta, beta, coupled), validation);
                    results.Add(new Comparison.Result(string.Create(CultureInfo.InvariantCulture, $"  {name}: k {k}, β {beta:0.0}{(coupled ? "" : ", alone")}"), v.Category, v.Agency, seconds));
                }
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name}: topic {e.Category.Accuracy:0.000}/{e.Category.Top3Accuracy:0.000}, agency {e.Agency.Accuracy:0.000}/{e.Agency.Top3Accuracy:0.000} ({seconds:0.0} s)"));
        }

        Comparison.Print(results);
    }
}
