using Lapor.Hub.Routing;
using Outcome = Lapor.Hub.Routing.RoutingEvaluator.Outcome;

namespace Lapor.Hub.Tests.Routing;

public sealed class RoutingEvaluatorTests
{
    /// <summary>
    /// Ten rows, true labels A, B, C and D (D is rare: the model cannot suggest it); X is a label that is
    /// predicted once but is never true.
    /// <code>
    ///  row  true  suggestions (best first)   top-1 right  in top 3  rare
    ///   1    A    A B C                       yes          yes
    ///   2    A    A C B                       yes          yes
    ///   3    A    B A C                       no           yes
    ///   4    A    C B X                       no           no
    ///   5    B    B A C                       yes          yes
    ///   6    B    A B C                       no           yes
    ///   7    B    X A C                       no           no
    ///   8    C    C A B                       yes          yes
    ///   9    D    A B C                       no           no        rare
    ///  10    D    C A B                       no           no        rare
    ///
    /// Confusion matrix of the first suggestion (rows: true label, columns: predicted):
    ///          A   B   C   X  | support
    ///     A    2   1   1   0  |  4
    ///     B    1   1   0   1  |  3
    ///     C    0   0   1   0  |  1
    ///     D    1   0   1   0  |  2
    ///   predicted 4   2   3   1  | 10
    ///
    /// accuracy            = (2 + 1 + 1 + 0) / 10            = 0.4
    /// top-3 accuracy      = rows 1 2 3 5 6 8 = 6 / 10        = 0.6
    /// rare rows           = 2; accuracy on the other 8 rows = 4 / 8 = 0.5
    /// A: P = 2/4 = 0.5,  R = 2/4 = 0.5,  F1 = 0.5
    /// B: P = 1/2 = 0.5,  R = 1/3,        F1 = 2·0.5·(1/3) / (0.5 + 1/3) = (1/3) / (5/6) = 0.4
    /// C: P = 1/3,        R = 1/1 = 1,    F1 = 2·(1/3)·1 / (1/3 + 1) = (2/3) / (4/3) = 0.5
    /// D: never predicted: P = 0, R = 0,  F1 = 0
    /// macro-F1 over the true labels A B C D = (0.5 + 0.4 + 0.5 + 0) / 4 = 0.35 (X, never true, has no term)
    /// </code>
    /// </summary>
    [Fact]
    public void Figures_match_a_hand_computed_confusion_matrix()
    {
        Outcome[] rows =
        [
            new("A", ["A", "B", "C"], false),
            new("A", ["A", "C", "B"], false),
            new("A", ["B", "A", "C"], false),
            new("A", ["C", "B", "X"], false),
            new("B", ["B", "A", "C"], false),
            new("B", ["A", "B", "C"], false),
            new("B", ["X", "A", "C"], false),
            new("C", ["C", "A", "B"], false),
            new("D", ["A", "B", "C"], true),
            new("D", ["C", "A", "B"], true),
        ];

        var result = RoutingEvaluator.EvaluateTask(rows);

        Assert.Equal(10, result.Rows);
        Assert.Equal(0.4, result.Accuracy, 12);
        Assert.Equal(0.6, result.Top3Accuracy, 12);
        Assert.Equal(2, result.RareRows);
        Assert.Equal(0.5, result.AccuracyExcludingRare, 12);
        Assert.Equal(0.35, result.MacroF1, 12);

        var perClass = result.PerClass.ToDictionary(c => c.Label);
        Assert.Equal(["A", "B", "D", "C"], result.PerClass.Select(c => c.Label));
        Assert.DoesNotContain("X", perClass.Keys);
        AssertClass(perClass["A"], 4, 0.5, 0.5, 0.5);
        AssertClass(perClass["B"], 3, 0.5, 1.0 / 3, 0.4);
        AssertClass(perClass["C"], 1, 1.0 / 3, 1.0, 0.5);
        AssertClass(perClass["D"], 2, 0, 0, 0);
    }

    [Fact]
    public void Other_is_never_correct_and_a_row_without_suggestions_is_wrong()
    {
        Outcome[] rows =
        [
            new(RoutingTrainingOptions.OtherLabel, [RoutingTrainingOptions.OtherLabel, "A"], true),
            new("A", [], false),
            new("A", ["A"], false),
        ];

        var result = RoutingEvaluator.EvaluateTask(rows);

        Assert.Equal(1.0 / 3, result.Accuracy, 12);
        Assert.Equal(1.0 / 3, result.Top3Accuracy, 12);
        Assert.Equal(0.5, result.AccuracyExcludingRare, 12);
    }

    [Fact]
    public void Rows_with_labels_unseen_in_training_stay_in_the_denominator()
    {
        var training = RoutingTestData.Examples(8);
        var model = RoutingTrainer.Train(training, RoutingTestData.FastOptions);
        var evaluationRows = RoutingTestData.Examples(2, seed: 99).ToList();
        evaluationRows.Add(new RoutingExample("banjir setinggi lutut merendam rumah warga", "Banjir", "Badan Penanggulangan Bencana Daerah"));
        evaluationRows.Add(new RoutingExample("air banjir masuk ke rumah", "Banjir", "Badan Penanggulangan Bencana Daerah"));

        var evaluation = RoutingEvaluator.Evaluate(model, evaluationRows);

        Assert.Equal(evaluationRows.Count, evaluation.Category.Rows);
        Assert.Equal(2, evaluation.Category.RareRows);
        Assert.Equal(2, evaluation.Agency.RareRows);
        Assert.True(evaluation.Category.Accuracy <= (evaluationRows.Count - 2.0) / evaluationRows.Count);
        Assert.Contains(evaluation.Category.PerClass, c => c.Label == "Banjir" && c.Support == 2 && c.Recall == 0);
    }

    private static void AssertClass(ClassMetrics metrics, int support, double precision, double recall, double f1)
    {
        Assert.Equal(support, metrics.Support);
        Assert.Equal(precision, metrics.Precision, 12);
        Assert.Equal(recall, metrics.Recall, 12);
        Assert.Equal(f1, metrics.F1, 12);
    }
}
