using Lapor.Hub.Routing;
using Lapor.Hub.Routing.Features;

namespace Lapor.Hub.Tests.Routing;

public sealed class FeatureSelectionTests
{
    [Fact]
    public void Chi_square_matches_the_hand_computed_two_by_two_tables()
    {
        // Four rows, classes 0 0 1 1. Feature 0 marks class 0 exactly, feature 1 is in every row, feature 2 only in row 0.
        SparseVector Row(params int[] features) => new(features, features.Select(_ => 1f).ToArray());
        SparseVector[] rows = [Row(0, 1, 2), Row(0, 1), Row(1), Row(1)];

        var scores = FeatureSelection.ChiSquare(rows, [0, 0, 1, 1], dimension: 3);

        // Feature 0: a = 2, b = 0, c = 0, d = 2 → 4 · (2·2 − 0)² / (2 · 2 · 2 · 2) = 4.
        Assert.Equal(4.0, scores[0], 9);
        // Feature 1: present whatever the class → no dependence.
        Assert.Equal(0.0, scores[1], 9);
        // Feature 2 against class 0: a = 1, b = 0, c = 1, d = 2 → 4 · (1·2 − 0)² / (2 · 2 · 1 · 3) = 4/3.
        Assert.Equal(4.0 / 3.0, scores[2], 9);
    }

    [Fact]
    public void Only_the_classes_a_feature_occurs_in_count_and_unlabelled_rows_only_fill_the_totals()
    {
        SparseVector Row(params int[] features) => new(features, features.Select(_ => 1f).ToArray());
        SparseVector[] rows = [Row(0), Row(0), Row(1), Row(1)];

        var scores = FeatureSelection.ChiSquare(rows, [0, 0, -1, -1], dimension: 2);

        // Feature 0 against class 0, the unlabelled rows counted in the totals: a = 2, b = 0, c = 0, d = 2.
        Assert.Equal(4.0, scores[0], 9);
        // Feature 1 occurs in no labelled row: its absence from class 0 is not a reason to keep it.
        Assert.Equal(0.0, scores[1], 9);
    }

    [Fact]
    public void A_model_trained_with_selection_keeps_the_region_features_and_still_routes_clear_examples()
    {
        var examples = RoutingTestData.Examples(12);
        var full = RoutingTrainer.Train(examples, RoutingTestData.FastOptions);
        var keep = full.Manifest.Features / 2;

        var selected = RoutingTrainer.Train(examples, RoutingTestData.FastOptions with { MaxFeatures = keep });

        Assert.Equal(keep, selected.Manifest.Features);
        var regionFeatures = full.Featurizer.Features.Where(f => f.StartsWith('r')).ToArray();
        Assert.NotEmpty(regionFeatures);
        Assert.Subset(selected.Featurizer.Features.ToHashSet(), regionFeatures.ToHashSet());
        foreach (var (text, category, agency) in RoutingTestData.UnseenClearExamples)
        {
            var suggestion = selected.Suggest(text, null);
            Assert.Equal(category, suggestion.Categories[0].Label);
            Assert.Equal(agency, suggestion.Agencies[0].Label);
        }
    }
}
