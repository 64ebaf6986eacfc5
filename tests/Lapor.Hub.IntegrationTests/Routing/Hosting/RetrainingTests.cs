using System.Collections.Concurrent;
using System.Globalization;
using Lapor.Hub.Routing;
using Lapor.Hub.Routing.Hosting;
using Lapor.Hub.Storage;
using Lapor.Hub.Storage.Routing;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Tests.Routing.Hosting;

/// <summary>The feedback loop: confirmations are stored as examples, retraining promotes only a model at least as good, serving never stops.</summary>
public sealed class RetrainingTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = TestDatabases.CreateDirectory("lapor-routing");
    private readonly RoutingService _service = new();
    private SqlRoutingFeedbackStore _feedback = null!;
    private RoutingModelStore _store = null!;
    private RoutingRetrainer _retrainer = null!;

    private static IReadOnlyList<RoutingExample> Seed { get; } = RoutingData.ReadSeed(new RoutingOptions().SeedPath);

    public async Task InitializeAsync()
    {
        var storage = TestDatabases.SqliteIn(_directory);
        await HubSchema.ApplyAsync(storage);
        _feedback = new SqlRoutingFeedbackStore(new HubDatabase(storage, NullLogger<HubDatabase>.Instance));
        _store = new RoutingModelStore(Path.Combine(_directory.Path, "models"));
        _retrainer = new RoutingRetrainer(_service, _store, _feedback, Options.Create(new RoutingOptions { RetrainInterval = TimeSpan.Zero }),
            TimeProvider.System, NullLogger<RoutingRetrainer>.Instance);
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_first_model_is_promoted_and_kept_with_its_evaluation()
    {
        var decision = await _retrainer.RetrainAsync();

        Assert.True(decision.Promoted);
        Assert.Equal(decision.Version, _store.CurrentVersion);
        Assert.Equal(decision.Version, _service.Current!.Version);
        Assert.True(decision.HeldBackRows > 0);
        Assert.InRange(decision.Evaluation.Category.Rows, 1, Seed.Count);
        var kept = Assert.Single(_store.Decisions());
        Assert.Equal(decision.Evaluation.Category.Accuracy, kept.Evaluation.Category.Accuracy);
        Assert.Equal(decision.Version, _store.LoadCurrent()!.Version);

        // Judged without its held-back share, then trained on the whole seed set before it went into service.
        Assert.True(kept.LearnedEverything);
        Assert.Equal(Seed.Count, _store.LoadCurrent()!.TrainingRows);
    }

    [Fact]
    public async Task The_model_a_fresh_installation_serves_routes_clear_complaints_it_has_never_seen()
    {
        var decision = await _retrainer.RetrainAsync();
        var evaluation = RoutingData.ReadSeed(Path.Combine(AppContext.BaseDirectory, "Routing", "Seed", "seed-evaluation.csv"));
        Assert.Empty(evaluation.Select(e => e.Text).Intersect(Seed.Select(e => e.Text)));
        Assert.Equal(108, evaluation.Count);

        // The model a hub serves from its first start: judged on the seed set's held-back share, then trained on all of it.
        Assert.True(decision.HeldBackRows > 0);
        Assert.Equal(Seed.Count, _service.Current!.TrainingRows);
        var figures = RoutingEvaluator.Evaluate(_service.Current, evaluation);

        Assert.True(figures.Category.Accuracy >= 0.85, $"category top-1 {figures.Category.Accuracy:F3}");
        Assert.True(figures.Category.Top3Accuracy >= 0.95, $"category top-3 {figures.Category.Top3Accuracy:F3}");
        Assert.True(figures.Agency.Accuracy >= 0.78, $"agency top-1 {figures.Agency.Accuracy:F3}");
        Assert.True(figures.Agency.Top3Accuracy >= 0.92, $"agency top-3 {figures.Agency.Top3Accuracy:F3}");
    }

    [Fact]
    public async Task A_retrained_model_that_is_worse_on_the_held_back_slice_is_not_promoted()
    {
        var first = await _retrainer.RetrainAsync();

        // Older confirmations contradict the seed set (every text again, with another text's labels); the newest
        // ones — the held-back slice — agree with it. A model that learns the contradictions does worse on them.
        var start = first.TrainedAt.AddMinutes(1);
        var mislabelled = Seed.Select((e, i) => Confirmation($"m{i}", $"{e.Text} (laporan ulang)", Seed[(i + 7) % Seed.Count], start.AddMinutes(i)));
        var correct = Seed.Take(Seed.Count / 4 + 1).Select((e, i) => Confirmation($"c{i}", $"{e.Text} Mohon segera.", e, start.AddDays(90).AddMinutes(i)));
        foreach (var confirmation in mislabelled.Concat(correct))
        {
            await _feedback.UpsertAsync(confirmation);
        }

        var second = await _retrainer.RetrainAsync();

        Assert.False(second.Promoted, second.Reason);
        Assert.True(RoutingRetrainer.Score(second.Evaluation) < RoutingRetrainer.Score(second.CurrentEvaluation!));
        Assert.Null(second.ExamplesNeeded);
        Assert.Equal(first.Version, _store.CurrentVersion);
        Assert.Equal(first.Version, _service.Current!.Version);
        Assert.Equal(2, _store.Decisions().Count);
        Assert.Equal(first.Version, _store.LoadCurrent()!.Version);
    }

    [Fact]
    public async Task A_promoted_model_has_also_learned_the_newest_confirmations()
    {
        var first = await _retrainer.RetrainAsync();

        // Older confirmations bring one topic the seed set does not have, so the candidate beats the model in service
        // on its newest examples; the very newest bring another, as a new programme does ("BLT Ojol" appeared in
        // Surabaya late in 2022). Both are in the held-back slice: the candidate is judged without them, and the model
        // that goes into service learns them too.
        var start = first.TrainedAt.AddMinutes(1);
        var repeated = WaterComplaints(100, start);
        var newTopic = new RoutingExample("", "BLT-OJOL", "DISHUB-SBY");
        string[] newest =
        [
            "Saya pengemudi ojol belum menerima BLT ojek online, padahal sudah daftar",
            "BLT ojol untuk driver ojek online kapan cair? saya belum dapat",
            "mohon info pencairan BLT ojol, saya driver ojek online ber KTP Surabaya",
            "kenapa saya driver ojol tidak dapat BLT ojek online sampai sekarang",
            "pendaftaran BLT ojol sudah tapi bantuan ojek online belum masuk",
            "BLT ojek online untuk ojol belum saya terima, tolong dicek",
        ];
        foreach (var confirmation in repeated.Concat(newest.Select((t, i) => Confirmation($"n{i}", t, newTopic, start.AddDays(30).AddMinutes(i)))))
        {
            await _feedback.UpsertAsync(confirmation);
        }

        var second = await _retrainer.RetrainAsync();

        Assert.True(second.Promoted, second.Reason);
        Assert.True(second.Evaluation.Category.RareRows >= newest.Length, "the candidate is judged without the newest confirmations");
        Assert.Equal(second.Version, _service.Current!.Version);
        Assert.Equal(Seed.Count + 100 + newest.Length, _store.LoadCurrent()!.TrainingRows);
        var suggestion = _service.Suggest("saya driver ojol belum dapat BLT ojek online", null)!;
        Assert.Equal("BLT-OJOL", suggestion.Categories[0].Label);
        Assert.Equal("DISHUB-SBY", suggestion.Agencies[0].Label);
    }

    [Fact]
    public async Task With_too_few_new_confirmations_to_compare_on_the_model_in_service_stays()
    {
        var first = await _retrainer.RetrainAsync();
        var start = first.TrainedAt.AddMinutes(1);
        foreach (var (e, i) in Seed.Take(10).Select((e, i) => (e, i)))
        {
            await _feedback.UpsertAsync(Confirmation($"f{i}", $"{e.Text} Mohon segera.", e, start.AddMinutes(i)));
        }

        var second = await _retrainer.RetrainAsync();

        Assert.False(second.Promoted, second.Reason);
        Assert.InRange(second.HeldBackRows, 1, new RoutingOptions().MinExamplesToCompare - 1);
        Assert.Equal(first.Version, _service.Current!.Version);
        Assert.False(second.LearnedEverything);
        Assert.Equal(new RoutingOptions().MinExamplesToCompare, second.ExamplesNeeded);
    }

    [Fact]
    public async Task Suggestions_keep_coming_while_a_new_model_is_trained_and_swapped_in()
    {
        var first = await _retrainer.RetrainAsync();

        // New confirmations of a topic the model in service does not know: the candidate is clearly better on them.
        foreach (var confirmation in WaterComplaints(100, first.TrainedAt.AddMinutes(1)))
        {
            await _feedback.UpsertAsync(confirmation);
        }

        var versions = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<Exception>();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(i => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    versions.Add(_service.Suggest(Seed[i].Text, null)!.ModelVersion);
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            }
        })).ToArray();

        var second = await _retrainer.RetrainAsync();
        await Task.Delay(50);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Empty(failures);
        Assert.True(second.Promoted, second.Reason);
        Assert.Subset(new HashSet<string> { first.Version, second.Version }, versions.ToHashSet());
        Assert.Contains(first.Version, versions);
        Assert.Contains(second.Version, versions);
    }

    [Fact]
    public async Task A_stored_model_of_an_older_format_is_replaced_at_startup_instead_of_stopping_the_hub()
    {
        var old = await _retrainer.RetrainAsync();
        var manifest = Path.Combine(_store.Root, old.Version, "manifest.json");
        var json = await File.ReadAllTextAsync(manifest);
        await File.WriteAllTextAsync(manifest, System.Text.RegularExpressions.Regex.Replace(json, "(\"format\"\\s*:\\s*)\\d+", "${1}1", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        Assert.Throws<RoutingModelException>(() => _store.LoadCurrent());
        var service = new RoutingService();
        var retrainer = new RoutingRetrainer(service, _store, _feedback, Options.Create(new RoutingOptions { RetrainInterval = TimeSpan.Zero }),
            TimeProvider.System, NullLogger<RoutingRetrainer>.Instance);
        var startup = new RoutingStartup(service, _store, retrainer, _feedback, new RetrainRequests(), Options.Create(new RoutingOptions { RetrainInterval = TimeSpan.Zero }),
            NullLogger<RoutingStartup>.Instance);

        await startup.StartAsync(CancellationToken.None);
        await startup.StopAsync(CancellationToken.None);

        Assert.NotNull(service.Current);
        Assert.NotEqual(old.Version, service.Current.Version);
        Assert.Equal(service.Current.Version, _store.LoadCurrent()!.Version);
    }

    [Fact]
    public async Task An_admins_request_retrains_in_the_background_with_the_schedule_off()
    {
        var requests = new RetrainRequests();
        var startup = new RoutingStartup(_service, _store, _retrainer, _feedback, requests, Options.Create(new RoutingOptions { RetrainInterval = TimeSpan.Zero }),
            NullLogger<RoutingStartup>.Instance);
        await startup.StartAsync(CancellationToken.None);
        try
        {
            var first = _service.Current!.Version;
            Assert.Single(_store.Decisions());

            Assert.True(requests.Request());
            await WaitUntilAsync(() => _store.Decisions().Count == 2);
            Assert.NotEqual(first, _store.Decisions()[0].Version);

            // A second request is served too: the first round's unused wait does not swallow it.
            Assert.True(requests.Request());
            await WaitUntilAsync(() => _store.Decisions().Count == 3);
        }
        finally
        {
            await startup.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Requests_made_while_one_is_waiting_are_the_same_request()
    {
        var requests = new RetrainRequests();
        Assert.False(requests.IsPending);
        Assert.True(requests.Request());
        Assert.False(requests.Request());
        Assert.True(requests.IsPending);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Confirmations of a topic the seed set does not have (water supply), one a minute from <paramref name="start"/>.</summary>
    private static IEnumerable<RoutingFeedback> WaterComplaints(int count, DateTimeOffset start)
    {
        string[] texts =
        [
            "Air PDAM di perumahan blok {0} mati sudah {1} hari, warga terpaksa beli air galon",
            "Tagihan air PDAM rumah nomor {0} naik {1} kali lipat padahal pemakaian sama saja",
            "Pipa air PDAM bocor di jalan nomor {0}, air bersih terbuang sejak {1} hari lalu",
            "Air keruh dan berbau keluar dari kran PDAM di gang {0} selama {1} hari",
        ];
        var labels = new RoutingExample("", "AIR-BERSIH", "PDAM-KOTA");
        return Enumerable.Range(0, count).Select(i =>
            Confirmation($"w{i}", string.Format(CultureInfo.InvariantCulture, texts[i % texts.Length], i + 1, (i % 9) + 2), labels, start.AddMinutes(i)));
    }

    private static RoutingFeedback Confirmation(string id, string text, RoutingExample labels, DateTimeOffset at) =>
        new(id, 1, text, labels.RegionCode, labels.Category, labels.Agency, at, null, null, null);
}
