namespace Lapor.Hub.Routing;

/// <summary>Precision, recall and F1 of one true label.</summary>
public sealed record ClassMetrics(string Label, int Support, double Precision, double Recall, double F1);

/// <summary>
/// How one task (category or agency) did on a set of rows, by the strict rule: a row is correct only when the
/// top suggestion equals its true label. <see cref="RareRows"/> counts rows whose true label the model cannot
/// suggest (rare or unseen in training); they stay in every denominator except <see cref="AccuracyExcludingRare"/>.
/// </summary>
public sealed record TaskEvaluation(
    int Rows,
    double Accuracy,
    double Top3Accuracy,
    double MacroF1,
    int RareRows,
    double AccuracyExcludingRare,
    IReadOnlyList<ClassMetrics> PerClass);

/// <summary>The evaluation of both tasks.</summary>
public sealed record RoutingEvaluation(TaskEvaluation Category, TaskEvaluation Agency);

/// <summary>
/// Evaluates a routing model on labelled rows by the strict rule.
/// <list type="bullet">
/// <item>Accuracy: rows whose first suggestion equals the true label (ordinal string equality) / all rows.</item>
/// <item>Top-3 accuracy: rows whose true label is among the three suggestions / all rows.</item>
/// <item>Rows whose true label is rare or unseen in training stay in the denominator; the model never suggests
/// "(other)", so such rows can only count as wrong. They are counted in RareRows, and AccuracyExcludingRare
/// shows the accuracy on the other rows, so the figures explain themselves.</item>
/// <item>Macro-F1: the unweighted mean of F1 over the true labels present in the evaluated rows (a label that is
/// only ever predicted, never true, adds no term of its own; its wrong predictions still cost the recall of
/// the true labels they replaced). Per label: precision = TP / rows predicted as the
/// label (0 when never predicted), recall = TP / support, F1 = 2PR / (P + R) (0 when P + R = 0).</item>
/// </list>
/// </summary>
public static class RoutingEvaluator
{
    /// <summary>One evaluated row of one task: the true label, the suggestions best first, and whether the true label is rare.</summary>
    internal readonly record struct Outcome(string Truth, IReadOnlyList<string> Ranked, bool Rare);

    public static RoutingEvaluation Evaluate(RoutingModel model, IReadOnlyList<RoutingExample> examples)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        var (categories, agencies) = Outcomes(model, examples);
        // A row without a task's label is left out of that task's figures.
        return new RoutingEvaluation(
            EvaluateTask(categories.Where((_, i) => examples[i].HasCategory).ToArray()),
            EvaluateTask(agencies.Where((_, i) => examples[i].HasAgency).ToArray()));
    }

    /// <summary>Each row's outcome for both tasks, in row order (the benchmark pools them over several models).</summary>
    internal static (Outcome[] Categories, Outcome[] Agencies) Outcomes(RoutingModel model, IReadOnlyList<RoutingExample> examples)
    {
        var categories = new Outcome[examples.Count];
        var agencies = new Outcome[examples.Count];
        Parallel.For(0, examples.Count, i =>
        {
            var e = examples[i];
            var (c, a) = model.Rank(e.Text, e.RegionCode, RoutingModel.SuggestionCount);
            categories[i] = new Outcome(e.Category, c.Select(s => s.Label).ToArray(), !model.CanSuggestCategory(e.Category));
            agencies[i] = new Outcome(e.Agency, a.Select(s => s.Label).ToArray(), !model.CanSuggestAgency(e.Agency, e.RegionCode));
        });

        return (categories, agencies);
    }

    /// <summary>The strict-rule figures of one task from its rows' outcomes (exposed for tests and the benchmark).</summary>
    internal static TaskEvaluation EvaluateTask(IReadOnlyList<Outcome> rows)
    {
        var correct = 0;
        var top3 = 0;
        var rare = 0;
        var correctNotRare = 0;
        var support = new Dictionary<string, int>(StringComparer.Ordinal);
        var predicted = new Dictionary<string, int>(StringComparer.Ordinal);
        var truePositives = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            support[row.Truth] = support.GetValueOrDefault(row.Truth) + 1;
            var first = row.Ranked.Count > 0 ? row.Ranked[0] : null;
            if (first is not null)
            {
                predicted[first] = predicted.GetValueOrDefault(first) + 1;
            }

            // "(other)" is never a correct answer, even for a row whose true label is literally "(other)".
            var hit = first is not null && first == row.Truth && first != RoutingTrainingOptions.OtherLabel;
            if (hit)
            {
                correct++;
                truePositives[row.Truth] = truePositives.GetValueOrDefault(row.Truth) + 1;
            }

            if (row.Truth != RoutingTrainingOptions.OtherLabel && row.Ranked.Take(3).Any(r => r == row.Truth))
            {
                top3++;
            }

            if (row.Rare)
            {
                rare++;
            }
            else if (hit)
            {
                correctNotRare++;
            }
        }

        var perClass = support
            .Select(p =>
            {
                var tp = truePositives.GetValueOrDefault(p.Key);
                var predictedCount = predicted.GetValueOrDefault(p.Key);
                var precision = predictedCount == 0 ? 0.0 : (double)tp / predictedCount;
                var recall = (double)tp / p.Value;
                var f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
                return new ClassMetrics(p.Key, p.Value, precision, recall, f1);
            })
            .OrderByDescending(m => m.Support)
            .ThenBy(m => m.Label, StringComparer.Ordinal)
            .ToArray();

        var n = rows.Count;
        return new TaskEvaluation(
            n,
            n == 0 ? 0 : (double)correct / n,
            n == 0 ? 0 : (double)top3 / n,
            perClass.Length == 0 ? 0 : perClass.Average(m => m.F1),
            rare,
            n - rare == 0 ? 0 : (double)correctNotRare / (n - rare),
            perClass);
    }
}
