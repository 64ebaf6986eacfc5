using System.Text.Json;
using Lapor.Hub.Routing;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Routing;

public sealed class RoutingModelStoreTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>, IDisposable
{
    private static readonly string[] Texts =
    [
        .. RoutingTestData.UnseenClearExamples.Select(e => e.Text),
        "jalan rusak dan lampu mati",
        "",
        "   ",
        "!!!",
        "Hub 0812 3456 7890 https://example.com",
        "pohon tumbang menimpa tiang lampu di jalan berlubang",
    ];

    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_saved_and_loaded_model_suggests_exactly_the_same()
    {
        var directory = _temp.Combine("model");
        fixture.Model.Save(directory);

        var loaded = RoutingModel.Load(directory);

        Assert.Equal(fixture.Model.Version, loaded.Version);
        Assert.Equal(fixture.Model.TrainingRows, loaded.TrainingRows);
        foreach (var text in Texts)
        {
            foreach (var region in new[] { null, "35.78.01" })
            {
                var expected = fixture.Model.Suggest(text, region);
                var actual = loaded.Suggest(text, region);
                Assert.Equal(expected.Categories, actual.Categories);
                Assert.Equal(expected.Agencies, actual.Agencies);
                Assert.Equal(expected.ModelVersion, actual.ModelVersion);
            }
        }
    }

    [Fact]
    public void The_manifest_describes_the_model()
    {
        var directory = _temp.Combine("described");
        fixture.Model.Save(directory);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json")));
        var root = manifest.RootElement;

        Assert.Equal(fixture.Model.Version, root.GetProperty("version").GetString());
        Assert.Equal(fixture.Examples.Count, root.GetProperty("trainingRows").GetInt32());
        Assert.True(root.TryGetProperty("createdAt", out _));
        Assert.Equal(new RoutingTrainingOptions().Trainers.Select(t => t.ToString()),
            root.GetProperty("options").GetProperty("trainers").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(RoutingTestData.Roads, root.GetProperty("categoryLabels").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(RoutingTestData.Social, root.GetProperty("agencyLabels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["described"], Directory.GetDirectories(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Saving_over_an_existing_model_replaces_it_whole()
    {
        var directory = _temp.Combine("replaced");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "stale.txt"), "old");

        fixture.Model.Save(directory);

        Assert.False(File.Exists(Path.Combine(directory, "stale.txt")));
        Assert.Equal(fixture.Model.Version, RoutingModel.Load(directory).Version);
        Assert.Equal(["replaced"], Directory.GetDirectories(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Loading_a_missing_or_corrupt_model_says_what_is_wrong()
    {
        var missing = Assert.Throws<RoutingModelException>(() => RoutingModel.Load(_temp.Combine("nothing-here")));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);

        var empty = _temp.Combine("empty");
        Directory.CreateDirectory(empty);
        Assert.Contains("manifest.json is missing", Assert.Throws<RoutingModelException>(() => RoutingModel.Load(empty)).Message, StringComparison.Ordinal);

        var corrupt = _temp.Combine("corrupt");
        fixture.Model.Save(corrupt);
        var bin = Path.Combine(corrupt, "model.bin");
        var bytes = File.ReadAllBytes(bin);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(bin, bytes);
        Assert.Contains("corrupt", Assert.Throws<RoutingModelException>(() => RoutingModel.Load(corrupt)).Message, StringComparison.Ordinal);

        var truncated = _temp.Combine("truncated");
        fixture.Model.Save(truncated);
        File.WriteAllText(Path.Combine(truncated, "manifest.json"), "{ \"version\": ");
        Assert.Contains("manifest.json is not valid", Assert.Throws<RoutingModelException>(() => RoutingModel.Load(truncated)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggest_is_safe_from_many_threads_at_once()
    {
        var inputs = Enumerable.Range(0, 400)
            .Select(i => (Text: Texts[i % Texts.Length] + (i % 3 == 0 ? " mohon segera" : ""), Region: i % 2 == 0 ? null : "35.78.0" + (i % 4)))
            .ToArray();
        var expected = inputs.Select(i => fixture.Model.Suggest(i.Text, i.Region)).ToArray();
        var actual = new RoutingSuggestion[inputs.Length];

        Parallel.For(0, inputs.Length * 5, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            var i = k % inputs.Length;
            actual[i] = fixture.Model.Suggest(inputs[i].Text, inputs[i].Region);
            Assert.Equal(expected[i].Categories, actual[i].Categories);
            Assert.Equal(expected[i].Agencies, actual[i].Agencies);
        });

        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(expected[i].Categories, actual[i].Categories);
            Assert.Equal(expected[i].Agencies, actual[i].Agencies);
        }
    }

    [Fact]
    public void The_model_is_an_IRoutingSuggester()
    {
        IRoutingSuggester suggester = fixture.Model;

        var suggestion = suggester.Suggest("lampu pju mati", null);

        Assert.NotNull(suggestion);
        Assert.Equal(RoutingTestData.StreetLights, suggestion.Categories[0].Label);
    }
}
