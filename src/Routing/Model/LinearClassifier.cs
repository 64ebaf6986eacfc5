using System.Numerics;
using Lapor.Hub.Routing.Features;

namespace Lapor.Hub.Routing.Model;

/// <summary>
/// A trained linear multiclass scorer: logits = bias + W·x, probabilities = softmax(logits / temperature).
/// The weights are kept sparse and feature-major (compressed sparse rows: for each feature, the classes with a
/// non-zero weight): most weights of the one-versus-all models are exactly zero (about 80% for 200 categories),
/// so this is several times smaller than a dense matrix, and scoring a sparse vector touches only the rows of its
/// features. Immutable after construction, hence thread-safe.
/// </summary>
internal sealed class LinearClassifier
{
    private readonly int[] _rowStart;
    private readonly ushort[] _class;
    private readonly float[] _value;

    // Rows with many non-zero weights (the common n-grams) are also kept dense, so scoring adds them with SIMD
    // instead of scattering one weight at a time: _denseRow[f] is the row's index in _dense, or -1.
    private readonly int[] _denseRow;
    private readonly float[] _dense;

    /// <summary>From dense feature-major weights (the weight of feature f for class c at f · classes + c).</summary>
    public LinearClassifier(int classes, int dimension, float[] weights, float[] bias, float temperature = 1f)
    {
        if (weights.Length != checked(classes * dimension) || bias.Length != classes)
        {
            throw new InvalidDataException($"a linear model of {classes} classes × {dimension} features needs {classes * dimension} weights and {classes} biases, found {weights.Length} and {bias.Length}.");
        }

        if (classes > ushort.MaxValue)
        {
            throw new InvalidDataException($"{classes} classes is more than a routing model can hold ({ushort.MaxValue}).");
        }

        var nonZero = 0;
        foreach (var w in weights)
        {
            if (w != 0f)
            {
                nonZero++;
            }
        }

        _rowStart = new int[dimension + 1];
        _class = new ushort[nonZero];
        _value = new float[nonZero];
        var k = 0;
        for (var f = 0; f < dimension; f++)
        {
            _rowStart[f] = k;
            for (var c = 0; c < classes; c++)
            {
                var w = weights[(f * classes) + c];
                if (w != 0f)
                {
                    _class[k] = (ushort)c;
                    _value[k++] = w;
                }
            }
        }

        _rowStart[dimension] = k;
        Classes = classes;
        Dimension = dimension;
        Bias = bias;
        Temperature = temperature;
        (_denseRow, _dense) = DenseRows(classes, dimension, _rowStart, _class, _value);
    }

    /// <summary>From the sparse rows as saved.</summary>
    public LinearClassifier(int classes, int dimension, int[] rowStart, ushort[] classIndex, float[] values, float[] bias, float temperature)
    {
        if (rowStart.Length != dimension + 1 || rowStart[0] != 0 || rowStart[^1] != values.Length || classIndex.Length != values.Length || bias.Length != classes)
        {
            throw new InvalidDataException("the sparse weight rows do not fit together.");
        }

        for (var f = 0; f < dimension; f++)
        {
            if (rowStart[f] > rowStart[f + 1])
            {
                throw new InvalidDataException($"the weight row of feature {f} ends before it starts.");
            }
        }

        foreach (var c in classIndex)
        {
            if (c >= classes)
            {
                throw new InvalidDataException($"a weight names class {c} of {classes}.");
            }
        }

        _rowStart = rowStart;
        _class = classIndex;
        _value = values;
        Classes = classes;
        Dimension = dimension;
        Bias = bias;
        Temperature = temperature;
        (_denseRow, _dense) = DenseRows(classes, dimension, rowStart, classIndex, values);
    }

    private LinearClassifier(LinearClassifier other, float temperature)
    {
        _rowStart = other._rowStart;
        _class = other._class;
        _value = other._value;
        _denseRow = other._denseRow;
        _dense = other._dense;
        Classes = other.Classes;
        Dimension = other.Dimension;
        Bias = other.Bias;
        Temperature = temperature;
    }

    public int Classes { get; }

    public int Dimension { get; }

    public float[] Bias { get; }

    /// <summary>Softmax temperature fitted on held-back data (1: none).</summary>
    public float Temperature { get; }

    /// <summary>How many weights are not zero.</summary>
    public int NonZeroWeights => _value.Length;

    internal int[] RowStart => _rowStart;

    internal ushort[] ClassIndex => _class;

    internal float[] Values => _value;

    public LinearClassifier WithTemperature(float temperature) => new(this, temperature);

    /// <summary>Adds scale · W to a dense feature-major weight array (to pool several models into one).</summary>
    public void AddTo(float[] dense, float scale)
    {
        for (var f = 0; f < Dimension; f++)
        {
            for (var k = _rowStart[f]; k < _rowStart[f + 1]; k++)
            {
                dense[(f * Classes) + _class[k]] += _value[k] * scale;
            }
        }
    }

    public void Logits(SparseVector x, Span<float> logits)
    {
        Bias.CopyTo(logits);
        var rowStart = _rowStart;
        var classIndex = _class;
        var values = _value;
        var classes = Classes;
        for (var i = 0; i < x.Indices.Length; i++)
        {
            var feature = x.Indices[i];
            if ((uint)feature >= (uint)Dimension)
            {
                continue;
            }

            var v = x.Values[i];
            var dense = _denseRow[feature];
            if (dense >= 0)
            {
                AddScaled(_dense.AsSpan(dense * classes, classes), v, logits);
                continue;
            }

            var end = rowStart[feature + 1];
            for (var k = rowStart[feature]; k < end; k++)
            {
                logits[classIndex[k]] += values[k] * v;
            }
        }
    }

    /// <summary>Rows with at least a quarter of the classes non-zero, as dense rows.</summary>
    private static (int[] DenseRow, float[] Dense) DenseRows(int classes, int dimension, int[] rowStart, ushort[] classIndex, float[] values)
    {
        var denseRow = new int[dimension];
        var count = 0;
        for (var f = 0; f < dimension; f++)
        {
            var nonZero = rowStart[f + 1] - rowStart[f];
            denseRow[f] = nonZero * 4 >= classes && nonZero >= 8 ? count++ : -1;
        }

        var dense = new float[count * classes];
        for (var f = 0; f < dimension; f++)
        {
            if (denseRow[f] < 0)
            {
                continue;
            }

            var row = dense.AsSpan(denseRow[f] * classes, classes);
            for (var k = rowStart[f]; k < rowStart[f + 1]; k++)
            {
                row[classIndex[k]] = values[k];
            }
        }

        return (denseRow, dense);
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
}
