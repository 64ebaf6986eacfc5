using Lapor.Hub.Routing.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Lapor.Hub.Routing.Model;

/// <summary>
/// Trains one multiclass task with an ML.NET trainer on already featurized rows and takes the learned linear
/// weights out of the ML.NET model parameters, so prediction needs no ML.NET pipeline (and no PredictionEngine).
/// </summary>
internal static class MlNetTrainers
{
    internal sealed class Row
    {
        public uint Label { get; set; }

        public VBuffer<float> Features { get; set; }

        public float Weight { get; set; } = 1f;
    }

    /// <summary>The rows as an ML.NET data view: a key-typed label (class index) and a sparse feature vector.</summary>
    public static IDataView ToDataView(MLContext ml, IReadOnlyList<SparseVector> features, IReadOnlyList<int> labels, int classes, int dimension, IReadOnlyList<float>? weights = null)
    {
        var rows = new Row[features.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var x = features[i];
            rows[i] = new Row
            {
                // ML.NET maps an in-memory key value k to the 1-based key k + 1: the class index goes in as is.
                Label = (uint)labels[i],
                Features = new VBuffer<float>(dimension, x.Count, x.Values, x.Indices),
                Weight = weights?[i] ?? 1f,
            };
        }

        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    public static LinearClassifier Train(
        MLContext ml,
        RoutingTrainerKind trainer,
        RoutingTrainingOptions options,
        IReadOnlyList<SparseVector> features,
        IReadOnlyList<int> labels,
        int classes,
        int dimension,
        IReadOnlyList<float>? weights,
        CancellationToken cancellationToken)
    {
        if (classes < 2)
        {
            // Nothing to learn: one label (or none). A zero model that always says the same thing.
            return new LinearClassifier(Math.Max(classes, 1), dimension, new float[Math.Max(classes, 1) * dimension], new float[Math.Max(classes, 1)]);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (trainer is RoutingTrainerKind.AveragedPerceptron or RoutingTrainerKind.LinearSvm)
        {
            return TrainOneVersusAll(trainer, options, features, labels, classes, dimension, weights, cancellationToken);
        }

        var data = ToDataView(ml, features, labels, classes, dimension, weights);
        var estimator = CreateEstimator(ml, trainer, options, weights is not null);
        var transformer = estimator.Fit(data);
        cancellationToken.ThrowIfCancellationRequested();
        return Extract(transformer, classes, dimension);
    }

    internal static IEstimator<ITransformer> CreateEstimator(MLContext ml, RoutingTrainerKind trainer, RoutingTrainingOptions options, bool weighted = false)
    {
        var weight = weighted ? nameof(Row.Weight) : null;
        const string label = nameof(Row.Label);
        const string features = nameof(Row.Features);
        var mc = ml.MulticlassClassification.Trainers;
        switch (trainer)
        {
            case RoutingTrainerKind.SdcaMaximumEntropy:
                return mc.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = label,
                    FeatureColumnName = features,
                    ExampleWeightColumnName = weight,
                    L2Regularization = options.L2Regularization ?? 1e-4f,
                    L1Regularization = options.L1Regularization ?? 0f,
                    MaximumNumberOfIterations = options.Iterations ?? 30,
                    NumberOfThreads = options.Threads,
                    Shuffle = true,
                });
            case RoutingTrainerKind.SdcaHinge:
                return mc.SdcaNonCalibrated(new SdcaNonCalibratedMulticlassTrainer.Options
                {
                    LabelColumnName = label,
                    FeatureColumnName = features,
                    Loss = new HingeLoss(),
                    ExampleWeightColumnName = weight,
                    L2Regularization = options.L2Regularization ?? 1e-4f,
                    L1Regularization = options.L1Regularization ?? 0f,
                    MaximumNumberOfIterations = options.Iterations ?? 30,
                    NumberOfThreads = options.Threads,
                    Shuffle = true,
                });
            case RoutingTrainerKind.LbfgsMaximumEntropy:
                return mc.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = label,
                    FeatureColumnName = features,
                    ExampleWeightColumnName = weight,
                    L2Regularization = options.L2Regularization ?? 0.01f,
                    L1Regularization = options.L1Regularization ?? 0f,
                    MaximumNumberOfIterations = options.Iterations ?? 100,
                    OptimizationTolerance = 1e-5f,
                    NumberOfThreads = options.Threads,
                    HistorySize = 20,
                });
            default:
                throw new ArgumentOutOfRangeException(nameof(trainer), trainer, "unknown trainer.");
        }
    }

    /// <summary>The weights and biases of a trained linear multiclass model, feature-major.</summary>
    internal static LinearClassifier Extract(ITransformer transformer, int classes, int dimension)
    {
        var parameters = transformer switch
        {
            ISingleFeaturePredictionTransformer<object> t => t.Model,
            _ => throw new InvalidOperationException($"unexpected ML.NET transformer {transformer.GetType().Name}."),
        };

        var weights = new float[classes * dimension];
        var bias = new float[classes];
        switch (parameters)
        {
            case LinearMulticlassModelParametersBase linear:
            {
                VBuffer<float>[] rows = [];
                linear.GetWeights(ref rows, out var count);
                var biases = linear.GetBiases().ToArray();
                if (count != classes)
                {
                    throw new InvalidOperationException($"the trained model has {count} classes, expected {classes}.");
                }

                for (var c = 0; c < classes; c++)
                {
                    bias[c] = biases[c];
                    Scatter(rows[c], c, classes, weights);
                }

                break;
            }

            default:
                throw new InvalidOperationException($"the trainer produced {parameters?.GetType().Name}, which is not a linear multiclass model.");
        }

        return new LinearClassifier(classes, dimension, weights, bias);
    }

    internal sealed class BinaryRow
    {
        public bool Label { get; set; }

        public VBuffer<float> Features { get; set; }

        public float Weight { get; set; } = 1f;
    }

    /// <summary>
    /// One-versus-all with ML.NET binary trainers (averaged perceptron or linear SVM), one per class, run in
    /// parallel. Done here rather than with ML.NET's OneVersusAll because that one keeps its sub-models' weights
    /// internal; the binary trainers' LinearBinaryModelParameters expose them.
    /// </summary>
    private static LinearClassifier TrainOneVersusAll(
        RoutingTrainerKind trainer,
        RoutingTrainingOptions options,
        IReadOnlyList<SparseVector> features,
        IReadOnlyList<int> labels,
        int classes,
        int dimension,
        IReadOnlyList<float>? exampleWeights,
        CancellationToken cancellationToken)
    {
        var vectors = features.Select(x => new VBuffer<float>(dimension, x.Count, x.Values, x.Indices)).ToArray();
        var rowLabels = labels;
        if (exampleWeights is not null)
        {
            // ML.NET's online trainers take their weight column from OnlineLinearOptions.InitialWeights (a bug in
            // OnlineLinearTrainer's constructor), so ExampleWeightColumnName never reaches them: resample instead.
            var sample = Resample(exampleWeights, options.Seed);
            vectors = sample.Select(i => vectors[i]).ToArray();
            rowLabels = sample.Select(i => labels[i]).ToArray();
        }

        var weights = new float[classes * dimension];
        var bias = new float[classes];
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount,
        };
        Parallel.For(0, classes, parallel, c =>
        {
            var ml = new MLContext(options.Seed + c);
            var rows = new BinaryRow[vectors.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = new BinaryRow { Label = rowLabels[i] == c, Features = vectors[i] };
            }

            var schema = SchemaDefinition.Create(typeof(BinaryRow));
            schema[nameof(BinaryRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
            var data = ml.Data.LoadFromEnumerable(rows, schema);
            LinearBinaryModelParameters model = trainer switch
            {
                RoutingTrainerKind.AveragedPerceptron => ml.BinaryClassification.Trainers.AveragedPerceptron(new AveragedPerceptronTrainer.Options
                {
                    NumberOfIterations = options.Iterations ?? 10,
                    Shuffle = true,
                }).Fit(data).Model,
                _ => ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
                {
                    NumberOfIterations = options.Iterations ?? 10,
                    Lambda = options.L2Regularization ?? 1e-4f,
                    Shuffle = true,
                }).Fit(data).Model,
            };

            bias[c] = model.Bias;
            var w = model.Weights;
            for (var f = 0; f < w.Count && f < dimension; f++)
            {
                weights[(f * classes) + c] = w[f];
            }
        });

        return new LinearClassifier(classes, dimension, weights, bias);
    }

    /// <summary>
    /// Row indices in which row i appears ⌊m·wᵢ⌋ or ⌈m·wᵢ⌉ times (seeded stochastic rounding), m = n / Σw: the
    /// expected count is proportional to the weight and the sample about as large as the data, in the original order.
    /// </summary>
    internal static int[] Resample(IReadOnlyList<float> weights, int seed)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += Math.Max(0f, w);
        }

        if (!(total > 0))
        {
            return Enumerable.Range(0, weights.Count).ToArray();
        }

        var scale = weights.Count / total;
        var random = new Random(seed);
        var sample = new List<int>(weights.Count + 16);
        for (var i = 0; i < weights.Count; i++)
        {
            var expected = Math.Max(0f, weights[i]) * scale;
            var copies = (int)Math.Floor(expected) + (random.NextDouble() < expected - Math.Floor(expected) ? 1 : 0);
            for (var k = 0; k < copies; k++)
            {
                sample.Add(i);
            }
        }

        return sample.Count > 0 ? sample.ToArray() : Enumerable.Range(0, weights.Count).ToArray();
    }

    private static void Scatter(VBuffer<float> row, int c, int classes, float[] weights)
    {
        var values = row.GetValues();
        if (row.IsDense)
        {
            for (var f = 0; f < values.Length; f++)
            {
                weights[(f * classes) + c] = values[f];
            }
        }
        else
        {
            var indices = row.GetIndices();
            for (var k = 0; k < indices.Length; k++)
            {
                weights[(indices[k] * classes) + c] = values[k];
            }
        }
    }
}
