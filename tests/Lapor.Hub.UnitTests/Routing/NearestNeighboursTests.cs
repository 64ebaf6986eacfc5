using System.Text.Json;
using Lapor.Hub.Routing;
using Lapor.Hub.Routing.Features;
using Lapor.Hub.Routing.Model;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Routing;

public sealed class NearestNeighboursTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// Four documents over four features: d0 = f0 (category 0, agency 0), d1 = f0 + f1 (category 1, agency 1),
    /// d2 = 2·f2 (category 1, agency 0), d3 = f3 (category 0, agency 1).
    /// </summary>
    private static NearestNeighbours Fixture(bool[]? indexed = null) => NearestNeighbours.Build(
        4,
        [
            new SparseVector([0], [1f]),
            new SparseVector([0, 1], [1f, 1f]),
            new SparseVector([2], [2f]),
            new SparseVector([3], [1f]),
        ],
        [0, 1, 1, 0],
        [0, 1, 0, 1],
        indexed);

    [Fact]
    public void Neighbours_are_ranked_by_cosine_similarity_and_vote_with_it()
    {
        var index = Fixture();
        var documents = new int[3];
        var similarities = new float[3];

        // Query f0 + f1: cos(d1) = 2 / (√2 · √2) = 1, cos(d0) = 1 / √2; d2 and d3 share no feature.
        var found = index.Search(new SparseVector([0, 1], [1f, 1f]), 3, documents, similarities);

        Assert.Equal(2, found);
        Assert.Equal([1, 0], documents[..found]);
        Assert.Equal(1f, similarities[0], 4);
        Assert.Equal(1f / MathF.Sqrt(2f), similarities[1], 4);

        // Category vote: class 1 gets 1 / (1 + 1/√2) = 0.5858, class 0 the rest; blended with β = 0.5 into (0.9, 0.1).
        var category = new[] { 0.9f, 0.1f };
        var agency = new[] { 0.2f, 0.8f };
        index.Blend(new SparseVector([0, 1], [1f, 1f]), k: 3, categoryWeight: 0.5f, agencyWeight: 0f, category, agency);

        var share = 1f / (1f + (1f / MathF.Sqrt(2f)));
        Assert.Equal((0.5f * 0.9f) + (0.5f * (1f - share)), category[0], 4);
        Assert.Equal((0.5f * 0.1f) + (0.5f * share), category[1], 4);
        Assert.Equal([0.2f, 0.8f], agency); // β = 0: the agency is left alone
    }

    [Fact]
    public void Only_the_k_nearest_vote()
    {
        var index = Fixture();
        var scores = new float[2];
        var documents = new int[1];
        var similarities = new float[1];

        var found = index.Search(new SparseVector([0, 1], [1f, 1f]), 1, documents, similarities);

        Assert.Equal(1, found);
        Assert.True(NearestNeighbours.Vote(documents, similarities, [0, 1, 1, 0], scores));
        Assert.Equal([0f, 1f], scores); // d1 alone: category 1
    }

    [Fact]
    public void A_query_without_neighbours_leaves_the_probabilities_alone()
    {
        var index = Fixture();
        var category = new[] { 0.7f, 0.3f };
        var agency = new[] { 0.4f, 0.6f };

        index.Blend(new SparseVector([], []), 5, 0.5f, 0.5f, category, agency);
        Assert.Equal([0.7f, 0.3f], category);

        // f3 is left out of the index (as region features are): a query on it finds nothing.
        var masked = Fixture([true, true, true, false]);
        masked.Blend(new SparseVector([3], [1f]), 5, 0.5f, 0.5f, category, agency);
        Assert.Equal([0.7f, 0.3f], category);
        Assert.Equal([0.4f, 0.6f], agency);
    }

    [Fact]
    public void Documents_keep_their_largest_features_and_their_full_norm()
    {
        var x = new SparseVector([1, 4, 7, 9], [0.1f, 0.9f, -0.5f, 0.2f]);

        var pruned = NearestNeighbours.Prune(x, 2);

        Assert.Equal([4, 7], pruned.Indices);
        Assert.Equal([0.9f, -0.5f], pruned.Values);
    }

    [Fact]
    public void Resampling_for_example_weights_follows_the_weights()
    {
        var sample = MlNetTrainers.Resample([1f, 0f, 3f, 0f], seed: 1);

        Assert.DoesNotContain(1, sample);
        Assert.DoesNotContain(3, sample);
        Assert.Equal(1, sample.Count(i => i == 0)); // 4 rows, Σw = 4: each row weight times
        Assert.Equal(3, sample.Count(i => i == 2));
    }

    [Fact]
    public void A_model_with_the_retrieval_member_saves_and_loads_it()
    {
        var examples = RoutingTestData.Examples(12);
        var model = RoutingTrainer.Train(examples, RoutingTestData.FastOptions with { NearestNeighbours = true, Calibrate = false });
        Assert.NotNull(model.Neighbours);
        Assert.Equal(examples.Count, model.Neighbours.Documents);
        Assert.Equal(RoutingTrainer.DefaultNeighbourCount, model.Manifest.NeighbourCount);

        var directory = _temp.Combine("knn");
        model.Save(directory);
        var loaded = RoutingModel.Load(directory);

        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json"))))
        {
            Assert.Equal(3, manifest.RootElement.GetProperty("format").GetInt32());
        }

        Assert.NotNull(loaded.Neighbours);
        Assert.Equal(model.Neighbours.Documents, loaded.Neighbours.Documents);
        Assert.Equal(model.Neighbours.Indices, loaded.Neighbours.Indices);
        Assert.Equal(model.Neighbours.Values, loaded.Neighbours.Values);
        Assert.Equal(model.Neighbours.CategoryY, loaded.Neighbours.CategoryY);
        Assert.Equal(model.Neighbours.AgencyY, loaded.Neighbours.AgencyY);
        Assert.Equal(model.Manifest.CategoryNeighbourWeight, loaded.Manifest.CategoryNeighbourWeight);
        Assert.Equal(model.Manifest.AgencyNeighbourWeight, loaded.Manifest.AgencyNeighbourWeight);
        foreach (var text in RoutingTestData.UnseenClearExamples.Select(e => e.Text).Append(examples[5].Text).Append(""))
        {
            foreach (var region in new[] { null, "35.78.01" })
            {
                var expected = model.Suggest(text, region);
                var actual = loaded.Suggest(text, region);
                Assert.Equal(expected.Categories, actual.Categories);
                Assert.Equal(expected.Agencies, actual.Agencies);
            }
        }

        // The vote alone puts a training report's own labels first for its own text.
        var vote = loaded.WithNeighbours(1, 1f, 1f, coupled: false);
        foreach (var e in examples.Take(6))
        {
            var suggestion = vote.Suggest(e.Text, e.RegionCode);
            Assert.Equal(e.Category, suggestion.Categories[0].Label);
            Assert.Equal(e.Agency, suggestion.Agencies[0].Label);
        }
    }

    [Fact]
    public void A_model_without_the_retrieval_member_has_none()
    {
        var model = RoutingTrainer.Train(RoutingTestData.Examples(6), RoutingTestData.FastOptions with { NearestNeighbours = false });

        Assert.Null(model.Neighbours);
        Assert.Equal(0, model.Manifest.NeighbourCount);
    }
}
