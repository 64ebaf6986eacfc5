using System.Collections.Concurrent;
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
/// <item>Train each of <see cref="RoutingTrainingOptions.Trainers"/> (ML.NET) per task, the two tasks side by side.</item>
/// <item>Calibrate (<see cref="Calibrator"/>): with 200 examples or more, on a held-back slice (the latest by date
/// when every example has a date, else a seeded random slice) scored by models trained without it; with 30 to
/// 199, on out-of-fold scores of a 4-fold cross-validation. Fitted by log-loss: a temperature per trainer, one
/// for the pooled scores, and the category–agency coupling strength.</item>
/// <item>Train on every example (alongside the calibration's draft models), pool the trainers into one linear model
/// per task with the fitted temperatures, and keep the fitted values.</item>
/// </list>
/// </summary>
public static partial class RoutingTrainer
{
    /// <summary>
    /// From this many examples on, calibration uses a held-back slice (<see cref="RoutingTrainingOptions.CalibrationFraction"/>);
    /// a slice of a few dozen rows says little about confidence.
    /// </summary>
    public const int MinExamplesForCalibration = 200;

    /// <summary>From this many examples up to <see cref="MinExamplesForCalibration"/>, calibration uses cross-validation.</summary>
    public const int MinExamplesForCrossValidation = 30;

    private const int CrossValidationFolds = 4;

    /// <summary>The category–agency coupling strength λ used when it is not fitted.</summary>
    public const float DefaultCouplingStrength = 0.5f;

    /// <summary>k of the retrieval member when it is not fitted.</summary>
    public const int DefaultNeighbourCount = 10;

    /// <summary>β of the retrieval member when it is not fitted.</summary>
    public const float DefaultNeighbourWeight = 0.3f;

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
        Parallel.For(0, examples.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => tokens[i] = Tokens(examples[i].Text, options));

        // The final model does not depend on the calibration: it trains alongside the draft models (unless limited to
        // one thread), which keeps the cores busy while a single-threaded trainer runs.
        var all = Enumerable.Range(0, examples.Count).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        progress?.Report($"training the final model on all {examples.Count} examples");
        TrainedTasks TrainFinal() => TrainTasks(examples, tokens, all, LabelSpace.Build(examples, all, options), "final", options, progress, stop.Token);
        var final = options.Threads == 1 ? null : Task.Run(TrainFinal, stop.Token);
        CalibrationInfo calibration;
        try
        {
            calibration = Calibrate(examples, tokens, options, progress, stop.Token);
        }
        catch
        {
            stop.Cancel();
            _ = final?.ContinueWith(t => t.Exception, TaskScheduler.Default);
            throw;
        }

        if (calibration.HeldBackRows > 0)
        {
            progress?.Report(string.Create(CultureInfo.InvariantCulture,
                $"calibration: temperatures category {calibration.CategoryTemperature:0.###}, agency {calibration.AgencyTemperature:0.###}; coupling λ {calibration.CouplingStrength:0.##}; neighbours k {calibration.NeighbourCount}, β category {calibration.CategoryNeighbourWeight:0.##}, agency {calibration.AgencyNeighbourWeight:0.##}; held-back top-1 category {calibration.HeldBackCategoryAccuracy:0.000}, agency {calibration.HeldBackAgencyAccuracy:0.000} ({clock.Elapsed.TotalSeconds:0.0} s)"));
        }

        var tasks = final is null ? TrainFinal() : final.GetAwaiter().GetResult();
        var model = Assemble(tasks, examples, options, calibration);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"trained model {model.Version} in {clock.Elapsed.TotalSeconds:0.0} s"));
        return model;
    }

    /// <summary>
    /// The calibration: with <see cref="MinExamplesForCalibration"/> examples or more, fitted on a held-back slice (the
    /// latest by date, what the model will face; else a seeded random slice) scored by draft models trained without
    /// it; with fewer, on out-of-fold scores of a cross-validation; with too few, none.
    /// </summary>
    private static CalibrationInfo Calibrate(
        IReadOnlyList<RoutingExample> examples,
        IReadOnlyList<List<string>> tokens,
        RoutingTrainingOptions options,
        IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
        if (options.Calibrate && examples.Count >= MinExamplesForCalibration)
        {
            var (fit, held, slice) = CalibrationSplit(examples, options);
            progress?.Report($"calibration: training on {fit.Length} examples, holding back {held.Length} ({slice})");
            var labels = LabelSpace.Build(examples, fit, options);
            var draft = TrainTasks(examples, tokens, fit, labels, "calibration", options, progress, cancellationToken);
            var scores = Calibrator.Collect(draft, examples, tokens, held, labels);
            return Calibrator.Fit(scores, draft.Coupling, options, slice, fit.Length);
        }

        if (options.Calibrate && examples.Count >= MinExamplesForCrossValidation)
        {
            var all = Enumerable.Range(0, examples.Count).ToArray();
            var labels = LabelSpace.Build(examples, all, options);
            var folds = Folds(examples.Count, CrossValidationFolds, options.Seed);
            progress?.Report($"calibration: {CrossValidationFolds}-fold cross-validation over {examples.Count} examples");
            var parts = new List<Calibrator.Scores>();
            foreach (var held in folds)
            {
                var fit = all.Except(held).ToArray();
                var draft = TrainTasks(examples, tokens, fit, labels, "fold", options, null, cancellationToken);
                parts.Add(Calibrator.Collect(draft, examples, tokens, held, labels));
            }

            var coupling = CategoryAgencyCoupling.FromCounts(labels.CategoryY, labels.CategoryLabels.Length, labels.AgencyY, labels.AgencyLabels.Length, 0f);
            return Calibrator.Fit(Calibrator.Scores.Concat(parts), coupling, options, $"{CrossValidationFolds}-fold cross-validation", examples.Count);
        }

        return CalibrationInfo.Default(options);
    }

    /// <summary>The tokens a text is featurised from: normalised, cut at MaxTokens, function words left out.</summary>
    internal static List<string> Tokens(string text, RoutingTrainingOptions options)
    {
        var tokens = IndonesianTextNormalizer.Tokenize(text, options.MaxTokens);
        if (options.RemoveStopWords)
        {
            tokens.RemoveAll(IndonesianTextNormalizer.IsStopWord);
        }

        return tokens;
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
            if (e.Category is null || e.Agency is null || (!e.HasCategory && !e.HasAgency)
                || (e.HasCategory && string.IsNullOrWhiteSpace(e.Category)) || (e.HasAgency && string.IsNullOrWhiteSpace(e.Agency)))
            {
                throw new ArgumentException($"training example {i + 1} has neither a category nor an agency, or a blank one.", nameof(examples));
            }

            if (e.Category == RoutingTrainingOptions.OtherLabel || e.Agency == RoutingTrainingOptions.OtherLabel)
            {
                throw new ArgumentException($"training example {i + 1} uses the reserved label {RoutingTrainingOptions.OtherLabel}.", nameof(examples));
            }
        }

        if (!examples.Any(e => e.HasCategory) || !examples.Any(e => e.HasAgency))
        {
            throw new ArgumentException("no training example has a category, or none has an agency.", nameof(examples));
        }

        if (options.Trainers is not { Count: > 0 } || options.Trainers.Any(t => !Enum.IsDefined(t)))
        {
            throw new ArgumentException("Trainers must name at least one known trainer.", nameof(options));
        }

        if (options.MaxTokens < 1)
        {
            throw new ArgumentException("MaxTokens must be at least 1.", nameof(options));
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
        int[] Rows,
        NearestNeighbours? Neighbours);

    private static TrainedTasks TrainTasks(
        IReadOnlyList<RoutingExample> examples,
        IReadOnlyList<List<string>> tokens,
        int[] rows,
        LabelSpace labels,
        string pass,
        RoutingTrainingOptions options,
        IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var settings = FeaturizerSettingsFor(options);
        var documents = rows.Select(i => ((IReadOnlyList<string>)tokens[i], examples[i].RegionCode)).ToArray();
        var categoryY = rows.Select(i => labels.CategoryY[i]).ToArray();
        var agencyY = rows.Select(i => labels.AgencyY[i]).ToArray();
        if (rows.Where((i, k) => (examples[i].HasCategory && categoryY[k] < 0) || (examples[i].HasAgency && agencyY[k] < 0)).Any())
        {
            throw new InvalidOperationException("a training row has a label outside the label space.");
        }

        var featurizer = TextFeaturizer.Build(settings, documents);
        var features = Featurize(featurizer, documents, cancellationToken);
        if (options.MaxFeatures is { } maxFeatures && maxFeatures < featurizer.Dimension)
        {
            var vocabulary = featurizer.Dimension;
            featurizer = featurizer.Subset(FeatureSelection.Select(featurizer, features, [categoryY, agencyY], maxFeatures));
            features = Featurize(featurizer, documents, cancellationToken);
            progress?.Report($"  {pass}: chi-square selection kept {featurizer.Dimension} of {vocabulary} features");
        }

        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"  {pass}: {featurizer.Dimension} features, {features.Average(x => x.Count):0} non-zero per example, from {rows.Length} examples ({clock.Elapsed.TotalSeconds:0.0} s)"));

        var (categoryLabels, agencyLabels, regions) = (labels.CategoryLabels, labels.AgencyLabels, labels.Regions);

        var weights = RecencyWeights(examples, rows, options.RecencyHalfLifeDays);
        var categoryMembers = new LinearClassifier[options.Trainers.Count];
        var agencyMembers = new LinearClassifier[options.Trainers.Count];
        progress?.Report($"  {pass}: training {string.Join(" + ", options.Trainers)}: {categoryLabels.Length} category labels, {agencyLabels.Length} agency labels ({regions.Templates.Count} region-relative families)");

        // Every (task, trainer) pair is one job; as many run at once as there are cores, the longest first: the
        // single-threaded maximum-entropy trainers on the many-class category task start at once, and the one-versus-all
        // trainers (which spread their classes over the cores themselves) fill the other lanes meanwhile.
        var jobs = Enumerable.Range(0, options.Trainers.Count)
            .SelectMany(k => new[] { new TrainingJob("category", k, categoryY, categoryLabels.Length, categoryMembers), new TrainingJob("agency", k, agencyY, agencyLabels.Length, agencyMembers) })
            .OrderByDescending(j => IsOneVersusAll(options.Trainers[j.Member]) ? 0 : 1)
            .ThenByDescending(j => j.Classes)
            .ToArray();
        var lanes = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount };
        Parallel.ForEach(Partitioner.Create(jobs, EnumerablePartitionerOptions.NoBuffering), lanes, job =>
        {
            var trainer = options.Trainers[job.Member];
            var started = clock.Elapsed;
            var threads = IsOneVersusAll(trainer) ? options : options with { Threads = options.Threads ?? 1 };
            // Each task learns from the rows that have its label (a row without it is -1).
            var labelled = Enumerable.Range(0, job.Y.Length).Where(k => job.Y[k] >= 0).ToArray();
            var (taskFeatures, taskY, taskWeights) = labelled.Length == job.Y.Length
                ? (features, job.Y, weights)
                : (labelled.Select(k => features[k]).ToArray(), labelled.Select(k => job.Y[k]).ToArray(), weights is null ? null : labelled.Select(k => weights[k]).ToArray());
            job.Members[job.Member] = MlNetTrainers.Train(new MLContext(options.Seed + job.Member), trainer, threads, taskFeatures, taskY, job.Classes, featurizer.Dimension, taskWeights, cancellationToken);
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"  {pass}: {trainer} {job.Task} model in {(clock.Elapsed - started).TotalSeconds:0.0} s"));
        });

        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"  {pass}: trained ({clock.Elapsed.TotalSeconds:0.0} s)"));
        // The coupling and the neighbours need both labels of a row.
        var both = Enumerable.Range(0, rows.Length).Where(k => categoryY[k] >= 0 && agencyY[k] >= 0).ToArray();
        var (bothCategoryY, bothAgencyY) = (both.Select(k => categoryY[k]).ToArray(), both.Select(k => agencyY[k]).ToArray());
        var coupling = CategoryAgencyCoupling.FromCounts(bothCategoryY, categoryLabels.Length, bothAgencyY, agencyLabels.Length, 0f);
        var neighbours = options.NearestNeighbours
            ? NearestNeighbours.Build(featurizer.Dimension, both.Select(k => features[k]).ToArray(), bothCategoryY, bothAgencyY, NearestNeighbours.TextFeatures(featurizer))
            : null;
        return new TrainedTasks(featurizer, categoryLabels, agencyLabels, categoryMembers, agencyMembers, regions, coupling, rows, neighbours);
    }

    /// <summary>One trainer on one task: it fills <paramref name="Members"/>[<paramref name="Member"/>].</summary>
    private sealed record TrainingJob(string Task, int Member, int[] Y, int Classes, LinearClassifier[] Members);

    private static bool IsOneVersusAll(RoutingTrainerKind trainer) =>
        trainer is RoutingTrainerKind.LinearSvm or RoutingTrainerKind.AveragedPerceptron;

    private static SparseVector[] Featurize(TextFeaturizer featurizer, (IReadOnlyList<string> Tokens, string? RegionCode)[] documents, CancellationToken cancellationToken)
    {
        var features = new SparseVector[documents.Length];
        Parallel.For(0, documents.Length, new ParallelOptions { CancellationToken = cancellationToken }, k => features[k] = featurizer.Featurize(documents[k].Tokens, documents[k].RegionCode));
        return features;
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
        var weights = new float[first.Classes * first.Dimension];
        var bias = new float[first.Classes];
        for (var k = 0; k < members.Length; k++)
        {
            var scale = 1f / (members.Length * temperatures[k]);
            members[k].AddTo(weights, scale);
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
        var neighbours = calibration.NeighbourCount > 0 && (calibration.CategoryNeighbourWeight > 0f || calibration.AgencyNeighbourWeight > 0f) ? tasks.Neighbours : null;
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
            ConfidenceSmoothing = 1f / ((calibration.HeldBackRows > 0 ? calibration.HeldBackRows : tasks.Rows.Length) + 2),
            Calibration = calibration.HeldBackRows > 0 ? calibration : null,
            NeighbourCount = neighbours is null ? 0 : calibration.NeighbourCount,
            CategoryNeighbourWeight = neighbours is null ? 0f : calibration.CategoryNeighbourWeight,
            AgencyNeighbourWeight = neighbours is null ? 0f : calibration.AgencyNeighbourWeight,
        };
        return new RoutingModel(
            manifest,
            tasks.Featurizer,
            new TaskModel(tasks.CategoryLabels, category),
            new TaskModel(tasks.AgencyLabels, agency),
            tasks.Regions,
            coupling,
            neighbours);
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

    /// <summary>The indices 0 … count − 1 in <paramref name="folds"/> folds of a seeded shuffle.</summary>
    private static int[][] Folds(int count, int folds, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return Enumerable.Range(0, folds)
            .Select(f => order.Where((_, k) => k % folds == f).Order().ToArray())
            .ToArray();
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
