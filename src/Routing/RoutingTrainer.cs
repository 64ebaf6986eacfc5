using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lapor.Hub.Routing.Features;
using Lapor.Hub.Routing.Model;
using Lapor.Hub.Routing.Text;
using Microsoft.ML;

namespace Lapor.Hub.Routing;

/// <summary>
/// Trains a routing model (category and agency) from labelled examples.
/// <list type="number">
/// <item>Normalise the text (<see cref="IndonesianTextNormalizer"/>) and build TF-IDF word n-gram, character n-gram
/// and region features (<see cref="TextFeaturizer"/>).</item>
/// <item>Fold labels with fewer than <see cref="RoutingTrainingOptions.MinExamplesPerLabel"/> examples into "(other)";
/// learn region-relative agencies as one family label each.</item>
/// <item>Train one linear multiclass model per task with the chosen ML.NET trainer.</item>
/// <item>Calibration (when enabled and there are enough examples): the above on all but a held-back slice (the
/// latest by date when every example has a date, else a seeded random slice), then fit on that slice a softmax
/// temperature per task and the weight of the category-implied agency distribution, by log-loss. Then train
/// again on every example and keep the fitted values.</item>
/// </list>
/// </summary>
public static class RoutingTrainer
{
    /// <summary>
    /// Fewer examples than this: no calibration slice (a slice of a few dozen rows says little about confidence),
    /// temperatures stay 1 and the coupling strength is <see cref="DefaultCouplingStrength"/>.
    /// </summary>
    public const int MinExamplesForCalibration = 200;

    /// <summary>The category–agency coupling strength λ used when it is not fitted.</summary>
    public const float DefaultCouplingStrength = 0.5f;

    public static RoutingModel Train(
        IReadOnlyList<RoutingExample> examples,
        RoutingTrainingOptions options,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        Validate(examples, options);
        var clock = Stopwatch.StartNew();
        progress?.Report($"normalising {examples.Count} examples");
        var tokens = new List<string>[examples.Count];
        Parallel.For(0, examples.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => tokens[i] = IndonesianTextNormalizer.Tokenize(examples[i].Text));

        var calibration = CalibrationInfo.Default(options);
        if (options.Calibrate && examples.Count >= MinExamplesForCalibration)
        {
            var (fit, held, slice) = CalibrationSplit(examples, options);
            progress?.Report($"calibration: training on {fit.Length} examples, holding back {held.Length} ({slice})");
            var draft = TrainTasks(examples, tokens, fit, options, progress, cancellationToken);
            calibration = Calibrator.Fit(draft, examples, tokens, held, options, slice);
            progress?.Report(string.Create(CultureInfo.InvariantCulture,
                $"calibration: temperatures category {calibration.CategoryTemperature:0.###}, agency {calibration.AgencyTemperature:0.###}; coupling λ {calibration.CouplingStrength:0.##}; held-back top-1 category {calibration.HeldBackCategoryAccuracy:0.000}, agency {calibration.HeldBackAgencyAccuracy:0.000} ({clock.Elapsed.TotalSeconds:0.0} s)"));
            progress?.Report($"training the final model on all {examples.Count} examples");
        }

        var all = Enumerable.Range(0, examples.Count).ToArray();
        var tasks = TrainTasks(examples, tokens, all, options, progress, cancellationToken);
        var model = Assemble(tasks, examples, options, calibration);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"trained model {model.Version} in {clock.Elapsed.TotalSeconds:0.0} s"));
        return model;
    }

    internal static FeaturizerSettings FeaturizerSettingsFor(RoutingTrainingOptions o) => new(
        Math.Max(1, o.WordNgramLength),
        o.CharNgramMax > 0 ? Math.Max(1, o.CharNgramMin) : 0,
        Math.Max(0, o.CharNgramMax),
        o.UseRegion,
        o.MinDocumentFrequency,
        o.WordWeight,
        o.CharWeight,
        o.RegionWeight,
        o.SublinearTf);

    private static void Validate(IReadOnlyList<RoutingExample> examples, RoutingTrainingOptions options)
    {
        if (examples.Count == 0)
        {
            throw new ArgumentException("there are no training examples.", nameof(examples));
        }

        for (var i = 0; i < examples.Count; i++)
        {
            var e = examples[i] ?? throw new ArgumentException($"training example {i + 1} is null.", nameof(examples));
            if (string.IsNullOrWhiteSpace(e.Category) || string.IsNullOrWhiteSpace(e.Agency))
            {
                throw new ArgumentException($"training example {i + 1} has no category or no agency.", nameof(examples));
            }

            if (e.Category == RoutingTrainingOptions.OtherLabel || e.Agency == RoutingTrainingOptions.OtherLabel)
            {
                throw new ArgumentException($"training example {i + 1} uses the reserved label {RoutingTrainingOptions.OtherLabel}.", nameof(examples));
            }
        }

        if (options.Trainers is not { Count: > 0 } || options.Trainers.Any(t => !Enum.IsDefined(t)))
        {
            throw new ArgumentException("Trainers must name at least one known trainer.", nameof(options));
        }

        if (options.WordNgramLength < 1 || options.WordNgramLength > 4)
        {
            throw new ArgumentException("WordNgramLength must be 1 to 4.", nameof(options));
        }

        if (options.CharNgramMax > 0 && (options.CharNgramMin < 1 || options.CharNgramMin > options.CharNgramMax || options.CharNgramMax > 8))
        {
            throw new ArgumentException("character n-grams need 1 ≤ CharNgramMin ≤ CharNgramMax ≤ 8.", nameof(options));
        }

        if (options.CalibrationFraction is <= 0 or >= 1)
        {
            throw new ArgumentException("CalibrationFraction must be between 0 and 1.", nameof(options));
        }
    }

    /// <summary>The held-back slice: the latest by date when every example has one, else a seeded random slice.</summary>
    internal static (int[] Fit, int[] Held, string Description) CalibrationSplit(IReadOnlyList<RoutingExample> examples, RoutingTrainingOptions options)
    {
        var heldCount = Math.Clamp((int)Math.Round(examples.Count * options.CalibrationFraction), 1, examples.Count - 1);
        int[] order;
        string description;
        if (examples.All(e => e.At is not null))
        {
            order = Enumerable.Range(0, examples.Count).OrderBy(i => examples[i].At!.Value).ThenBy(i => i).ToArray();
            description = "the latest by date";
        }
        else
        {
            order = Enumerable.Range(0, examples.Count).ToArray();
            new Random(options.Seed).Shuffle(order);
            description = $"a random slice, seed {options.Seed}";
        }

        var fit = order[..^heldCount];
        var held = order[^heldCount..];
        Array.Sort(fit);
        Array.Sort(held);
        return (fit, held, description);
    }

    /// <summary>What one training pass produces: the featurizer, the labels and each trainer's classifier per task.</summary>
    internal sealed record TrainedTasks(
        TextFeaturizer Featurizer,
        string[] CategoryLabels,
        string[] AgencyLabels,
        LinearClassifier[] CategoryMembers,
        LinearClassifier[] AgencyMembers,
        RegionAgencies Regions,
        CategoryAgencyCoupling Coupling,
        int[] Rows);

    private static TrainedTasks TrainTasks(
        IReadOnlyList<RoutingExample> examples,
        IReadOnlyList<List<string>> tokens,
        int[] rows,
        RoutingTrainingOptions options,
        IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var settings = FeaturizerSettingsFor(options);
        var documents = rows.Select(i => ((IReadOnlyList<string>)tokens[i], examples[i].RegionCode)).ToArray();
        var featurizer = TextFeaturizer.Build(settings, documents);
        var features = new SparseVector[rows.Length];
        Parallel.For(0, rows.Length, new ParallelOptions { CancellationToken = cancellationToken }, k => features[k] = featurizer.Featurize(documents[k].Item1, documents[k].RegionCode));
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"  {featurizer.Dimension} features from {rows.Length} examples ({clock.Elapsed.TotalSeconds:0.0} s)"));

        // Categories: common labels by name, rare ones into "(other)".
        var (categoryLabels, categoryY) = Labels(rows.Select(i => examples[i].Category).ToArray(), options.MinExamplesPerLabel);

        // Agencies: region-relative families first, then the same folding.
        var regions = options.RegionRelativeAgencies
            ? RegionAgencies.Discover(rows.Select(i => (examples[i].Agency, examples[i].RegionCode)), options.MinExamplesPerLabel)
            : RegionAgencies.None;
        var agencyNames = rows.Select(i => regions.ToLabel(examples[i].Agency, examples[i].RegionCode)).ToArray();
        var (agencyLabels, agencyY) = Labels(agencyNames, options.MinExamplesPerLabel);

        var weights = RecencyWeights(examples, rows, options.RecencyHalfLifeDays);
        // The two tasks train side by side (SDCA runs on one thread each; the one-versus-all trainers spread their
        // classes over the cores anyway), each task's trainers one after the other.
        var categoryMembers = new LinearClassifier[options.Trainers.Count];
        var agencyMembers = new LinearClassifier[options.Trainers.Count];
        progress?.Report($"  training {string.Join(" + ", options.Trainers)}: {categoryLabels.Length} category labels, {agencyLabels.Length} agency labels ({regions.Templates.Count} region-relative families)");
        var taskOptions = options with { Threads = options.Threads ?? 1 };
        Parallel.Invoke(
            new ParallelOptions { CancellationToken = cancellationToken },
            () => TrainMembers("category", categoryY, categoryLabels.Length, categoryMembers),
            () => TrainMembers("agency", agencyY, agencyLabels.Length, agencyMembers));

        void TrainMembers(string task, int[] y, int classes, LinearClassifier[] members)
        {
            for (var k = 0; k < options.Trainers.Count; k++)
            {
                var trainer = options.Trainers[k];
                var ml = new MLContext(options.Seed + k);
                var started = clock.Elapsed;
                var threads = trainer is RoutingTrainerKind.LinearSvm or RoutingTrainerKind.AveragedPerceptron ? options : taskOptions;
                members[k] = MlNetTrainers.Train(ml, trainer, threads, features, y, classes, featurizer.Dimension, weights, cancellationToken);
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"  {trainer}: {task} model in {(clock.Elapsed - started).TotalSeconds:0.0} s"));
            }
        }

        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"  trained ({clock.Elapsed.TotalSeconds:0.0} s)"));
        var coupling = CategoryAgencyCoupling.FromCounts(categoryY, categoryLabels.Length, agencyY, agencyLabels.Length, 0f);
        return new TrainedTasks(featurizer, categoryLabels, agencyLabels, categoryMembers, agencyMembers, regions, coupling, rows);
    }

    /// <summary>
    /// Log-linear pooling of the trainers: each member's logits divided by its own temperature, averaged. The
    /// average of linear models is one linear model, so an ensemble costs nothing extra when suggesting.
    /// </summary>
    internal static LinearClassifier Pool(LinearClassifier[] members, float[] temperatures, float temperature)
    {
        if (members.Length == 1 && temperatures[0] == 1f)
        {
            return members[0].WithTemperature(temperature);
        }

        var first = members[0];
        var weights = new float[first.Weights.Length];
        var bias = new float[first.Bias.Length];
        for (var k = 0; k < members.Length; k++)
        {
            var scale = 1f / (members.Length * temperatures[k]);
            var w = members[k].Weights;
            for (var i = 0; i < w.Length; i++)
            {
                weights[i] += w[i] * scale;
            }

            for (var c = 0; c < bias.Length; c++)
            {
                bias[c] += members[k].Bias[c] * scale;
            }
        }

        return new LinearClassifier(first.Classes, first.Dimension, weights, bias, temperature);
    }

    private static RoutingModel Assemble(TrainedTasks tasks, IReadOnlyList<RoutingExample> examples, RoutingTrainingOptions options, CalibrationInfo calibration)
    {
        var category = Pool(tasks.CategoryMembers, calibration.CategoryMemberTemperatures, calibration.CategoryTemperature);
        var agency = Pool(tasks.AgencyMembers, calibration.AgencyMemberTemperatures, calibration.AgencyTemperature);
        var coupling = options.CoupleCategoryAndAgency ? tasks.Coupling.WithStrength(calibration.CouplingStrength) : null;
        var manifest = new ModelManifest
        {
            Version = NewVersion(examples, tasks.Rows, options),
            CreatedAt = DateTimeOffset.UtcNow,
            Options = options,
            TrainingRows = tasks.Rows.Length,
            Features = tasks.Featurizer.Dimension,
            CategoryLabels = tasks.CategoryLabels,
            AgencyLabels = tasks.AgencyLabels,
            RegionAgencies = tasks.Regions.Templates.Select(t => new RegionAgencyEntry(t.Label, t.Prefix, t.Segment, t.Count)).OrderBy(t => t.Label, StringComparer.Ordinal).ToArray(),
            AgencyNames = tasks.Regions.Templates.Count == 0 ? [] : new Dictionary<string, string>(tasks.Regions.CanonicalNames),
            CategoryTemperature = calibration.CategoryTemperature,
            AgencyTemperature = calibration.AgencyTemperature,
            CouplingStrength = coupling?.Strength ?? 0f,
            Calibration = calibration.HeldBackRows > 0 ? calibration : null,
        };
        return new RoutingModel(
            manifest,
            tasks.Featurizer,
            new TaskModel(tasks.CategoryLabels, category),
            new TaskModel(tasks.AgencyLabels, agency),
            tasks.Regions,
            coupling);
    }

    /// <summary>Example weights halving every <paramref name="halfLifeDays"/> before the newest example; null when off or undated.</summary>
    private static float[]? RecencyWeights(IReadOnlyList<RoutingExample> examples, int[] rows, double? halfLifeDays)
    {
        if (halfLifeDays is not > 0 || rows.Any(i => examples[i].At is null))
        {
            return null;
        }

        var newest = rows.Max(i => examples[i].At!.Value);
        return rows.Select(i => (float)Math.Pow(0.5, (newest - examples[i].At!.Value).TotalDays / halfLifeDays.Value)).ToArray();
    }

    /// <summary>Label list (common labels in ordinal order, then "(other)" if any label is rare) and each row's class.</summary>
    internal static (string[] Labels, int[] Y) Labels(string[] values, int minExamples)
    {
        var counts = values.GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var common = counts.Where(p => p.Value >= minExamples).Select(p => p.Key).OrderBy(l => l, StringComparer.Ordinal).ToList();
        if (common.Count < counts.Count)
        {
            common.Add(RoutingTrainingOptions.OtherLabel);
        }

        var index = common.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var other = index.GetValueOrDefault(RoutingTrainingOptions.OtherLabel, -1);
        var y = values.Select(v => index.TryGetValue(v, out var i) ? i : other).ToArray();
        return (common.ToArray(), y);
    }

    /// <summary>"yyyyMMdd-HHmm-xxxxxx": UTC training time and a hash of the data and options.</summary>
    private static string NewVersion(IReadOnlyList<RoutingExample> examples, int[] rows, RoutingTrainingOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var i in rows)
        {
            var e = examples[i];
            hash.AppendData(Encoding.UTF8.GetBytes($"{e.Text}\u001f{e.Category}\u001f{e.Agency}\u001f{e.RegionCode}\u001e"));
        }

        hash.AppendData(Encoding.UTF8.GetBytes(options.ToString()));
        hash.AppendData(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString()));
        var now = DateTimeOffset.UtcNow;
        return string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMdd-HHmm}-{Convert.ToHexStringLower(hash.GetHashAndReset())[..6]}");
    }
}
