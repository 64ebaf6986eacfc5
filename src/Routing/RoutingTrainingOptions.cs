using System.Text.Json.Serialization;

namespace Lapor.Hub.Routing;

/// <summary>The ML.NET multiclass trainers the routing model can be built with (all linear: scored from their weights).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoutingTrainerKind>))]
public enum RoutingTrainerKind
{
    /// <summary>One-versus-all linear support vector machines (ML.NET LinearSvm, Pegasos), one per class.</summary>
    LinearSvm,

    /// <summary>One-versus-all averaged perceptrons (ML.NET AveragedPerceptron), one per class.</summary>
    AveragedPerceptron,

    /// <summary>Multinomial logistic regression by stochastic dual coordinate ascent (ML.NET SdcaMaximumEntropy).</summary>
    SdcaMaximumEntropy,

    /// <summary>Multinomial logistic regression by L-BFGS (ML.NET LbfgsMaximumEntropy).</summary>
    LbfgsMaximumEntropy,

    /// <summary>Multiclass hinge loss by SDCA (ML.NET SdcaNonCalibrated with HingeLoss).</summary>
    SdcaHinge,
}

/// <summary>
/// How a routing model is trained. The defaults are the best configuration found on the Surabaya 2022 benchmark
/// (bench/Lapor.Hub.Routing.Bench: trained on the first 80% by date, evaluated on the latest 20%).
/// </summary>
public sealed record RoutingTrainingOptions
{
    /// <summary>The label that collects categories and agencies with fewer than <see cref="MinExamplesPerLabel"/> examples.</summary>
    public const string OtherLabel = "(other)";

    /// <summary>
    /// The ML.NET trainers, each trained on the same features; with more than one, their temperature-scaled
    /// scores are averaged (log-linear pooling, which folds the ensemble into one linear model: no extra cost
    /// when suggesting). Default: linear SVM + averaged perceptron, the best pair on the benchmark. Adding
    /// SdcaMaximumEntropy improves top-3 (on the validation slice: category +2.4 points, agency +1.3, top-1 the same)
    /// but its single-threaded category model more than doubles the training time, close to the 60 s budget.
    /// </summary>
    public IReadOnlyList<RoutingTrainerKind> Trainers { get; init; } = [RoutingTrainerKind.LinearSvm, RoutingTrainerKind.AveragedPerceptron];

    /// <summary>Labels with fewer training examples than this are folded into <see cref="OtherLabel"/> (never suggested).</summary>
    public int MinExamplesPerLabel { get; init; } = 3;

    /// <summary>
    /// Only the first this many tokens of a text are used (about 1,300 characters at 200): the start of a complaint
    /// says what it is about, and the cost of a suggestion stays bounded however long the text.
    /// </summary>
    public int MaxTokens { get; init; } = 200;

    /// <summary>
    /// Leave out function words, greetings and forms of address (IndonesianTextNormalizer.IsStopWord). Off by
    /// default: on the benchmark it cost 0.9 points of agency accuracy (TF-IDF already discounts such words);
    /// on the small seed set it helped the agency a little.
    /// </summary>
    public bool RemoveStopWords { get; init; }

    /// <summary>Word n-grams from 1 up to this length.</summary>
    public int WordNgramLength { get; init; } = 2;

    /// <summary>Shortest character n-gram inside words.</summary>
    public int CharNgramMin { get; init; } = 3;

    /// <summary>Longest character n-gram inside words (0: no character n-grams). 5 was no better and a third slower.</summary>
    public int CharNgramMax { get; init; } = 4;

    /// <summary>Features seen in fewer training documents than this are not part of the vocabulary.</summary>
    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>
    /// Keep only this many features, the most class-dependent by chi-square (<see cref="Features.FeatureSelection"/>);
    /// null: the whole vocabulary.
    /// </summary>
    public int? MaxFeatures { get; init; }

    /// <summary>Use 1 + ln(tf) instead of the raw term frequency.</summary>
    public bool SublinearTf { get; init; } = true;

    /// <summary>Weight of the (L2-normalised) word n-gram block.</summary>
    public float WordWeight { get; init; } = 1f;

    /// <summary>Weight of the (L2-normalised) character n-gram block.</summary>
    public float CharWeight { get; init; } = 1f;

    /// <summary>Use the report's region (every prefix of its path) as features.</summary>
    public bool UseRegion { get; init; } = true;

    /// <summary>Weight of the region block.</summary>
    public float RegionWeight { get; init; } = 0.5f;

    /// <summary>
    /// Agencies named after the report's own region ("Kelurahan Ujung" for a report from Ujung) are learned as one
    /// region-relative label ("Kelurahan {region:1}") and resolved with the report's region when suggesting.
    /// </summary>
    public bool RegionRelativeAgencies { get; init; } = true;

    /// <summary>
    /// Decode category and agency jointly: P(c, a | text) ∝ P(c | text) · P(a | text) · (P(a | c) / P(a))^λ, with
    /// P(a | c) counted on the training set, and suggest from the marginals. A category and an agency that never go
    /// together pull each other down. λ is fitted on the calibration slice (else <see cref="RoutingTrainer.DefaultCouplingStrength"/>).
    /// </summary>
    public bool CoupleCategoryAndAgency { get; init; } = true;

    /// <summary>
    /// Add the retrieval member (<see cref="Model.NearestNeighbours"/>): the k most similar training reports (cosine of
    /// the TF-IDF word n-gram vectors, inverted index) vote for their labels with their similarity, and the vote is
    /// blended into the calibrated linear probabilities, p ← (1 − β) p + β vote, with a β per task. k and the β are
    /// fitted on the calibration slice (top-1 + top-3 hits; β = 0 switches it off); without a slice k = 10, β = 0.3.
    /// The model then also stores the training reports' pruned vectors (about 3 MB for 7,000 reports). On by default,
    /// chosen on the validation slice (all four figures level or better there); on the benchmark's later test period it
    /// lifted topic top-3 by 2.9 points and agency top-1/top-3 by 0.3/0.7, topic top-1 fell 0.4 points (7 of 1,738
    /// rows), and the median prediction doubled (p99 still under 1 ms). Admins see the top 3, so top-3 weighs most.
    /// </summary>
    public bool NearestNeighbours { get; init; } = true;

    /// <summary>Fit softmax temperatures (and λ) on a held-back slice, then retrain on everything.</summary>
    public bool Calibrate { get; init; } = true;

    /// <summary>The share of the training examples held back for calibration (the latest by date, else a seeded random slice).</summary>
    public double CalibrationFraction { get; init; } = 0.15;

    /// <summary>L2 regularisation (SVM λ; SDCA and L-BFGS L2); null: per trainer (SVM 1e-4, SDCA 1e-4, L-BFGS 0.01).</summary>
    public float? L2Regularization { get; init; }

    /// <summary>L1 regularisation for SDCA and L-BFGS; null: none.</summary>
    public float? L1Regularization { get; init; }

    /// <summary>Passes over the data (SVM, perceptron, SDCA) or L-BFGS iterations; null: per trainer (10, 10, 30, 100).</summary>
    public int? Iterations { get; init; }

    /// <summary>
    /// Weight recent examples more: an example this many days older than the newest one counts half (null: all count
    /// the same). Needs dates on every example. ML.NET's online trainers (linear SVM, averaged perceptron) ignore an
    /// example-weight column (their base class wires the weight role to another option), so for them the weights are
    /// applied by seeded resampling: each example appears on average weight / mean weight times.
    /// </summary>
    public double? RecencyHalfLifeDays { get; init; }

    /// <summary>Random seed for shuffling and the random calibration slice.</summary>
    public int Seed { get; init; } = 20221;

    /// <summary>Trainer threads (null: all cores).</summary>
    public int? Threads { get; init; }
}
