using System.Diagnostics;
using Lapor.Hub.Routing.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using Outcome = Lapor.Hub.Routing.RoutingEvaluator.Outcome;

namespace Lapor.Hub.Routing.Bench;

/// <summary>
/// LightGBM stacked on the linear models: the linear ensemble is trained on the first 85% of the training rows by
/// date; its category and agency probabilities on the latest 15% are the features of a LightGBM multiclass model
/// per task (so the stacker learns from honest out-of-sample scores, and can learn topic → agency interactions).
/// </summary>
internal static class Stacking
{
    private sealed class StackRow
    {
        public uint Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }

    public static Comparison.Result LightGbmOnLinearScores(IReadOnlyList<RoutingExample> train, IReadOnlyList<RoutingExample> test, RoutingTrainingOptions linearOptions)
    {
        var clock = Stopwatch.StartNew();
        var cut = (int)(train.Count * 0.85);
        var linear = RoutingTrainer.Train(train.Take(cut).ToArray(), linearOptions with { Calibrate = false, CoupleCategoryAndAgency = false });
        var held = train.Skip(cut).ToArray();
        var heldFeatures = held.Select(e => StackFeatures(linear, e)).ToArray();
        var testFeatures = test.Select(e => StackFeatures(linear, e)).ToArray();
        var ml = new MLContext(1);

        TaskEvaluation Task(Model.TaskModel task, Func<RoutingExample, string> truthOf, Func<RoutingExample, string> labelOf, Func<string, RoutingExample, string?> resolve, Func<RoutingExample, bool> rare)
        {
            int ClassOf(RoutingExample e) => task.Index.TryGetValue(labelOf(e), out var c) ? c : task.OtherIndex;
            var rows = held.Select((e, i) => (Class: ClassOf(e), X: heldFeatures[i])).Where(r => r.Class >= 0)
                .Select(r => new StackRow { Label = (uint)r.Class, Features = r.X }).ToArray();
            var scored = Fit(ml, rows, task.Classes, heldFeatures[0].Length)
                .Transform(View(ml, testFeatures.Select(x => new StackRow { Features = x }).ToArray(), task.Classes, x: testFeatures[0].Length));
            var scores = ml.Data.CreateEnumerable<ScoreRow>(scored, reuseRowObject: false).Select(r => r.Score).ToArray();
            var outcomes = new Outcome[test.Count];
            for (var i = 0; i < test.Count; i++)
            {
                var s = scores[i];
                var e = test[i];
                var ranked = Enumerable.Range(0, s.Length).Where(c => c != task.OtherIndex).OrderByDescending(c => s[c])
                    .Select(c => resolve(task.Labels[c], e)).OfType<string>().Distinct().Take(3).ToArray();
                outcomes[i] = new Outcome(truthOf(e), ranked, rare(e));
            }

            return RoutingEvaluator.EvaluateTask(outcomes);
        }

        var category = Task(linear.Category, e => e.Category, e => e.Category, (l, _) => l, e => !linear.CanSuggestCategory(e.Category));
        var agency = Task(linear.Agency, e => e.Agency, e => linear.Regions.ToLabel(e.Agency, e.RegionCode), (l, e) => linear.Regions.Resolve(l, e.RegionCode), e => !linear.CanSuggestAgency(e.Agency, e.RegionCode));
        return new Comparison.Result("LightGBM stacked on linear scores", category, agency, clock.Elapsed.TotalSeconds);
    }

    private static float[] StackFeatures(RoutingModel linear, RoutingExample e)
    {
        var x = linear.Featurizer.Featurize(RoutingTrainer.Tokens(e.Text, linear.Options), e.RegionCode);
        var (c, a) = linear.Probabilities(x);
        return [.. c, .. a];
    }

    private static IDataView View(MLContext ml, StackRow[] rows, int classes, int x)
    {
        var schema = SchemaDefinition.Create(typeof(StackRow));
        schema[nameof(StackRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        schema[nameof(StackRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, x);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    private static ITransformer Fit(MLContext ml, StackRow[] rows, int classes, int x) =>
        ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            LabelColumnName = nameof(StackRow.Label),
            FeatureColumnName = nameof(StackRow.Features),
            NumberOfIterations = 100,
            LearningRate = 0.05,
            NumberOfLeaves = 8,
            MinimumExampleCountPerLeaf = 10,
            NumberOfThreads = 2,
            Seed = 1,
        }).Fit(View(ml, rows, classes, x));
}
