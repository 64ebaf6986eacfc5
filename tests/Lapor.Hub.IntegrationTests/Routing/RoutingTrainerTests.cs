using Lapor.Hub.Routing;
using Lapor.Hub.Routing.Text;

namespace Lapor.Hub.Tests.Routing;

/// <summary>One model trained on the in-test examples, shared by the tests of a class.</summary>
public sealed class TrainedModelFixture
{
    public TrainedModelFixture()
    {
        Examples = RoutingTestData.Examples(12);
        Model = RoutingTrainer.Train(Examples, RoutingTestData.FastOptions);
    }

    public IReadOnlyList<RoutingExample> Examples { get; }

    public RoutingModel Model { get; }
}

public sealed class RoutingTrainerTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Clear_unseen_examples_get_the_right_category_and_agency_first()
    {
        foreach (var (text, category, agency) in RoutingTestData.UnseenClearExamples)
        {
            var suggestion = fixture.Model.Suggest(text, null);

            Assert.True(category == suggestion.Categories[0].Label, $"\"{text}\": expected {category}, got {Describe(suggestion.Categories)}");
            Assert.True(agency == suggestion.Agencies[0].Label, $"\"{text}\": expected {agency}, got {Describe(suggestion.Agencies)}");
        }
    }

    [Fact]
    public void Suggestions_are_the_top_three_with_calibrated_confidences()
    {
        var suggestion = fixture.Model.Suggest("jalan rusak berlubang", "35.78.01");

        Assert.Equal(fixture.Model.Version, suggestion.ModelVersion);
        Assert.Equal(3, suggestion.Categories.Count);
        Assert.Equal(3, suggestion.Agencies.Count);
        foreach (var scores in new[] { suggestion.Categories, suggestion.Agencies })
        {
            Assert.All(scores, s => Assert.InRange(s.Confidence, 0f, 1f));
            Assert.True(scores.Sum(s => s.Confidence) <= 1.0001f);
            Assert.Equal(scores.OrderByDescending(s => s.Confidence).Select(s => s.Label), scores.Select(s => s.Label));
            Assert.Equal(scores.Count, scores.Select(s => s.Label).Distinct().Count());
        }

        Assert.True(suggestion.Categories[0].Confidence > 0.4f, $"a clear complaint should be confident: {Describe(suggestion.Categories)}");
    }

    [Fact]
    public void The_version_names_the_training_time()
    {
        Assert.Matches(@"^\d{8}-\d{4}-[0-9a-f]{6}$", fixture.Model.Version);
        Assert.Equal(fixture.Examples.Count, fixture.Model.TrainingRows);
    }

    [Fact]
    public void Rare_labels_are_folded_into_other_and_never_suggested()
    {
        var examples = RoutingTestData.Examples(6).ToList();
        examples.Add(new RoutingExample("ada ular masuk rumah mohon dievakuasi", "Evakuasi Hewan", "Dinas Pemadam Kebakaran dan Penyelamatan"));
        examples.Add(new RoutingExample("ular kobra di halaman rumah", "Evakuasi Hewan", "Dinas Pemadam Kebakaran dan Penyelamatan"));

        var model = RoutingTrainer.Train(examples, RoutingTestData.FastOptions with { MinExamplesPerLabel = 3 });

        Assert.DoesNotContain("Evakuasi Hewan", model.Categories);
        Assert.DoesNotContain(RoutingTrainingOptions.OtherLabel, model.Categories);
        var suggestion = model.Suggest("ada ular masuk rumah", null);
        Assert.DoesNotContain(suggestion.Categories, s => s.Label == RoutingTrainingOptions.OtherLabel || s.Label == "Evakuasi Hewan");
        Assert.DoesNotContain(suggestion.Agencies, s => s.Label == RoutingTrainingOptions.OtherLabel);
    }

    [Fact]
    public void Agencies_named_after_the_reports_region_are_learned_as_one_family()
    {
        // Ten kelurahan, two reports each: no single kelurahan reaches three examples, the family does.
        var examples = RoutingTestData.Examples(6).ToList();
        string[] kelurahan = ["Ujung", "Ampel", "Gading", "Ploso", "Mojo", "Airlangga", "Kertajaya", "Pacar Kembang", "Tegalsari", "Kedungdoro"];
        foreach (var name in kelurahan)
        {
            var region = "Kecamatan X/" + name.Replace(" ", "", StringComparison.Ordinal);
            examples.Add(new RoutingExample($"surat pengantar dari kelurahan {name.ToLowerInvariant()} belum diberikan petugas loket", "Layanan Kelurahan", "Kelurahan " + name, region));
            examples.Add(new RoutingExample("petugas loket kelurahan tidak melayani surat keterangan", "Layanan Kelurahan", "Kelurahan " + name, region));
        }

        var model = RoutingTrainer.Train(examples, RoutingTestData.FastOptions);

        Assert.Contains("Kelurahan {region:1}", model.Agencies);
        var suggestion = model.Suggest("petugas loket kelurahan tidak mau melayani surat pengantar", "Kecamatan X/Pacarkembang");
        Assert.Equal("Kelurahan Pacar Kembang", suggestion.Agencies[0].Label);
        var elsewhere = model.Suggest("petugas loket kelurahan tidak mau melayani surat pengantar", "Kecamatan X/Sawunggaling");
        Assert.Equal("Kelurahan Sawunggaling", elsewhere.Agencies[0].Label);
        var nowhere = model.Suggest("petugas loket kelurahan tidak mau melayani surat pengantar", null);
        Assert.DoesNotContain(nowhere.Agencies, s => s.Label.Contains('{', StringComparison.Ordinal));
    }

    [Fact]
    public void Training_refuses_examples_without_labels()
    {
        Assert.Throws<ArgumentException>(() => RoutingTrainer.Train([], RoutingTestData.FastOptions));
        Assert.Throws<ArgumentException>(() => RoutingTrainer.Train([new RoutingExample("teks", "", "Dinas")], RoutingTestData.FastOptions));
    }

    [Fact]
    public void Training_reports_progress_and_can_be_cancelled()
    {
        var messages = new List<string>();
        var progress = new InlineProgress(messages.Add);
        RoutingTrainer.Train(RoutingTestData.Examples(4), RoutingTestData.FastOptions, progress);
        Assert.Contains(messages, m => m.StartsWith("trained model", StringComparison.Ordinal));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => RoutingTrainer.Train(RoutingTestData.Examples(4), RoutingTestData.FastOptions, null, cancelled.Token));
    }

    [Fact]
    public void Training_on_one_thread_gives_the_same_model_as_the_parallel_schedule()
    {
        // The final model trains alongside the calibration and the trainers run as parallel jobs; the schedule must
        // not change what is learned. 240 dated examples: the held-back-slice calibration path.
        var examples = RoutingTestData.Examples(40);
        var options = RoutingTestData.FastOptions with { Trainers = [RoutingTrainerKind.LinearSvm, RoutingTrainerKind.SdcaMaximumEntropy] };

        var parallel = RoutingTrainer.Train(examples, options);
        var sequential = RoutingTrainer.Train(examples, options with { Threads = 1 });

        Assert.Equal(parallel.Manifest.CategoryTemperature, sequential.Manifest.CategoryTemperature);
        Assert.Equal(parallel.Manifest.CouplingStrength, sequential.Manifest.CouplingStrength);
        foreach (var (text, _, _) in RoutingTestData.UnseenClearExamples)
        {
            var a = parallel.Suggest(text, "35.78.01");
            var b = sequential.Suggest(text, "35.78.01");
            Assert.Equal(a.Categories, b.Categories);
            Assert.Equal(a.Agencies, b.Agencies);
        }
    }

    [Theory]
    [InlineData("Jln rusak yg sdh lama gak diperbaiki!!!", "jalan rusak yang sudah lama tidak diperbaiki")]
    [InlineData("Tolonggg pak, lampu mati dgn total krn kabel putus", "tolong bapak lampu mati dengan total karena kabel putus")]
    [InlineData("hub 0812-3456-7890 atau +62 812 3456 7890, info di https://example.com/a?b=1", "hub #telp atau #telp informasi di #url")]
    [InlineData("ini nomer saya [nomor], rumah no 12 rt 04", "ini nomor saya #telp rumah nomor #angka rt #angka")]
    [InlineData("mas2 petugas minta uang 94rb", "mas mas petugas minta uang #angka rb")]
    [InlineData("sampah, plastik dll", "sampah plastik dan lain lain")]
    public void Text_normalisation_handles_informal_indonesian(string text, string expected)
    {
        Assert.Equal(expected, IndonesianTextNormalizer.Normalize(text));
    }

    private static string Describe(IEnumerable<LabelScore> scores) => string.Join(", ", scores.Select(s => $"{s.Label} {s.Confidence:0.00}"));

    private sealed class InlineProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}

public sealed class RoutingFeatureTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void The_fast_featurisation_equals_looking_up_every_key()
    {
        string[] texts =
        [
            .. fixture.Examples.Take(20).Select(e => e.Text),
            "jalan jalan jalan rusak rusak",
            "Hub 0812 3456 7890 https://example.com/x " + new string('a', 80) + " jalan",
            "", "!!!", "ktp-el e-ktp ektp", "pohon2 tumbang di jl. mawar",
        ];

        foreach (var text in texts)
        {
            foreach (var region in new[] { null, "35.78.01", "Tegalsari/Dr. Soetomo" })
            {
                var tokens = RoutingTrainer.Tokens(text, fixture.Model.Options);
                var fast = fixture.Model.Featurizer.Featurize(tokens, region);
                var slow = fixture.Model.Featurizer.FeaturizeByKeys(tokens, region);
                Assert.Equal(slow.Indices, fast.Indices);
                Assert.Equal(slow.Values, fast.Values);
            }
        }
    }

    [Fact]
    public void Huge_or_broken_text_is_suggested_for_without_fuss()
    {
        var huge = string.Concat(Enumerable.Repeat("jalan rusak berlubang mohon segera diperbaiki ", 20_000));
        var broken = "lampu jalan mati \ud800 total";

        var first = fixture.Model.Suggest(huge, null);
        Assert.Equal(RoutingTestData.Roads, first.Categories[0].Label);
        // The cost is bounded by construction: beyond the token limit the text is not read, so the suggestion for
        // 120,000 words is exactly the one for the first few hundred (how long it takes belongs in bench/).
        var head = string.Concat(Enumerable.Repeat("jalan rusak berlubang mohon segera diperbaiki ", 100));
        Assert.Equal(fixture.Model.Suggest(head, null).Categories, first.Categories);
        Assert.Equal(RoutingTestData.StreetLights, fixture.Model.Suggest(broken, null).Categories[0].Label);
        Assert.Equal(3, fixture.Model.Suggest("", null).Categories.Count);
    }

    [Fact]
    public void Enough_dated_examples_are_calibrated_on_the_latest_slice()
    {
        var examples = RoutingTestData.Examples(40);

        var model = RoutingTrainer.Train(examples, RoutingTestData.FastOptions);

        var calibration = model.Manifest.Calibration;
        Assert.NotNull(calibration);
        Assert.Equal("the latest by date", calibration.Slice);
        Assert.Equal(36, calibration.HeldBackRows);
        Assert.InRange(model.Manifest.CategoryTemperature, 0.01f, 100f);
        var suggestion = model.Suggest("sampah menumpuk tidak diangkut", null);
        Assert.Equal(RoutingTestData.Waste, suggestion.Categories[0].Label);
        Assert.InRange(suggestion.Categories[0].Confidence, 0.3f, 0.9999f);
    }
}
