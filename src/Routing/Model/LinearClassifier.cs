using System.Numerics;
using Lapor.Hub.Routing.Features;

namespace Lapor.Hub.Routing.Model;

/// <summary>
/// A trained linear multiclass scorer: logits = bias + W·x, probabilities = softmax(logits / temperature).
/// Weights are stored feature-major (one row of <see cref="Classes"/> floats per feature), so scoring a sparse
/// vector touches only the rows of its non-zero features, each a contiguous, vectorised add.
/// Immutable after construction, hence thread-safe.
/// </summary>
internal sealed class LinearClassifier
{
    public LinearClassifier(int classes, int dimension, float[] weights, float[] bias, float temperature = 1f)
    {
        if (weights.Length != checked(classes * dimension) || bias.Length != classes)
        {
            throw new InvalidDataException($"a linear model of {classes} classes × {dimension} features needs {classes * dimension} weights and {classes} biases, found {weights.Length} and {bias.Length}.");
        }

        Classes = classes;
        Dimension = dimension;
        Weights = weights;
        Bias = bias;
        Temperature = temperature;
    }

    public int Classes { get; }

    public int Dimension { get; }

    /// <summary>Feature-major weights: the weight of feature f for class c is at f · Classes + c.</summary>
    public float[] Weights { get; }

    public float[] Bias { get; }

    /// <summary>Softmax temperature fitted on held-back data (1: none).</summary>
    public float Temperature { get; }

    public LinearClassifier WithTemperature(float temperature) => new(Classes, Dimension, Weights, Bias, temperature);

    public void Logits(SparseVector x, Span<float> logits)
    {
        Bias.CopyTo(logits);
        var classes = Classes;
        for (var i = 0; i < x.Indices.Length; i++)
        {
            var feature = x.Indices[i];
            if ((uint)feature >= (uint)Dimension)
            {
                continue;
            }

            AddScaled(Weights.AsSpan(feature * classes, classes), x.Values[i], logits);
        }
    }

    /// <summary>Calibrated class probabilities.</summary>
    public void Probabilities(SparseVector x, Span<float> probabilities)
    {
        Logits(x, probabilities);
        Softmax(probabilities, Temperature);
    }

    public static void Softmax(Span<float> values, float temperature)
    {
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            max = MathF.Max(max, v);
        }

        var inverse = 1f / temperature;
        var sum = 0f;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = MathF.Exp((values[i] - max) * inverse);
            sum += values[i];
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] /= sum;
        }
    }

    private static void AddScaled(ReadOnlySpan<float> row, float scale, Span<float> target)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<float>.Count)
        {
            var s = new Vector<float>(scale);
            for (; i <= row.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var t = new Vector<float>(target[i..]);
                (t + (new Vector<float>(row[i..]) * s)).CopyTo(target[i..]);
            }
        }

        for (; i < row.Length; i++)
        {
            target[i] += row[i] * scale;
        }
    }
}
