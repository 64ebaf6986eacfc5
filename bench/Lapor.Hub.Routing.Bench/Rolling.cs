using System.Diagnostics;
using System.Globalization;

namespace Lapor.Hub.Routing.Bench;

/// <summary>
/// The test period as the hub lives it: admins confirm every report, and the model is retrained from those
/// confirmations (daily by default, <c>Routing:RetrainInterval</c>). Here each period of the test time (a week by
/// default) is suggested by a model trained on every report filed before that period began (the training period
/// plus the earlier test periods, labelled as admins confirmed them). Weekly is a conservative stand-in for daily: a
/// report is suggested by a model 0–7 days behind it, where admins have 3 working days to confirm. Every suggestion
/// is still made on a later period than the model's training data, by the strict rule.
/// </summary>
internal static class Rolling
{
    public static (TaskEvaluation Category, TaskEvaluation Agency) Run(
        IReadOnlyList<RoutingExample> train,
        IReadOnlyList<RoutingExample> test,
        RoutingTrainingOptions options,
        TimeSpan retrainEvery,
        double leaveOutNewest = 0)
    {
        var categories = new List<RoutingEvaluator.Outcome>(test.Count);
        var agencies = new List<RoutingEvaluator.Outcome>(test.Count);
        var known = train.ToList();
        var start = test[0].At!.Value;
        var clock = Stopwatch.StartNew();
        Console.WriteLine(leaveOutNewest > 0
            ? $"Retrained every {retrainEvery.TotalDays:0} days on everything filed before except the newest {leaveOutNewest:P0} (how the hub's retraining served models until now)"
            : $"Retrained every {retrainEvery.TotalDays:0} days on everything filed before (strict rule, each period suggested by a model that never saw it)");
        Console.WriteLine($"  {"period from",-12} {"trained on",10} {"rows",6} {"topic top-1",12} {"top-3",7} {"agency top-1",13} {"top-3",7}");
        for (var from = start; from <= test[^1].At!.Value; from += retrainEvery)
        {
            var until = from + retrainEvery;
            var period = test.Where(e => e.At >= from && e.At < until).ToArray();
            if (period.Length == 0)
            {
                continue;
            }

            Console.Error.WriteLine($"rolling: {known.Count} reports filed before the period from {from:yyyy-MM-dd} ({clock.Elapsed.TotalMinutes:0.0} min so far) …");
            var learned = known[..(known.Count - (int)Math.Ceiling(known.Count * leaveOutNewest))];
            var model = RoutingTrainer.Train(learned, options);
            var (c, a) = RoutingEvaluator.Outcomes(model, period);
            var scores = (RoutingEvaluator.EvaluateTask(c), RoutingEvaluator.EvaluateTask(a));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {from:yyyy-MM-dd}   {learned.Count,10} {period.Length,6} {scores.Item1.Accuracy,12:0.000} {scores.Item1.Top3Accuracy,7:0.000} {scores.Item2.Accuracy,13:0.000} {scores.Item2.Top3Accuracy,7:0.000}"));
            categories.AddRange(c);
            agencies.AddRange(a);
            known.AddRange(period);
        }

        return (RoutingEvaluator.EvaluateTask(categories), RoutingEvaluator.EvaluateTask(agencies));
    }
}
