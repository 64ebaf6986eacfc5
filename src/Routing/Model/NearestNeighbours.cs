using Lapor.Hub.Routing.Features;

namespace Lapor.Hub.Routing.Model;

/// <summary>
/// The retrieval member: cosine similarity of a report's TF-IDF vector (the featurizer's, sublinear TF, each block
/// L2-normalised) to the training reports, through an inverted index. The k most similar training reports vote for
/// their labels with their similarity: score(label) = Σ sim over the neighbours with that label / Σ sim over all k.
/// Complaint streams repeat themselves (templates, the same streets, the same programmes), which a linear model
/// averages away and a neighbour remembers.
/// <para>Bounded cost: each training report keeps its <see cref="DocumentTerms"/> highest-weight features (its norm is
/// that of the whole vector, so similarities stay cosines of the full vectors, approximated by their dominant terms),
/// and a query uses its <see cref="QueryTerms"/> highest-weight features. Immutable and thread-safe (per-thread
/// scratch buffers).</para>
/// </summary>
internal sealed class NearestNeighbours
{
    /// <summary>Features kept per training report (the highest TF-IDF weights).</summary>
    public const int DocumentTerms = 96;

    /// <summary>Features of a query looked up in the index (the highest TF-IDF weights).</summary>
    public const int QueryTerms = 48;

    /// <summary>The largest k the calibration considers (neighbour lists are collected this long).</summary>
    public const int MaxNeighbours = 64;

    [ThreadStatic]
    private static float[]? t_accumulator;

    [ThreadStatic]
    private static List<int>? t_touched;

    // Inverted index: feature f's postings are _postDoc/_postValue[_postStart[f] .. _postStart[f + 1]].
    private readonly int[] _postStart;
    private readonly int[] _postDoc;
    private readonly float[] _postValue;
    private readonly bool[] _indexed;

    /// <param name="dimension">The feature space's size.</param>
    /// <param name="rowStart">Document d's (pruned) features are <paramref name="indices"/>/<paramref name="values"/>[rowStart[d] .. rowStart[d + 1]].</param>
    /// <param name="indices">Feature indices, ascending within a document.</param>
    /// <param name="values">Feature values.</param>
    /// <param name="norms">Each document's L2 norm before pruning (similarities divide by it).</param>
    /// <param name="categoryY">Each document's category class.</param>
    /// <param name="agencyY">Each document's agency class.</param>
    /// <param name="indexed">The features similarities are computed over (null: all); the others are ignored in queries.</param>
    public NearestNeighbours(int dimension, int[] rowStart, int[] indices, float[] values, float[] norms, int[] categoryY, int[] agencyY, bool[]? indexed = null)
    {
        if (indexed is not null && indexed.Length != dimension)
        {
            throw new InvalidDataException($"a feature mask of {indexed.Length} for {dimension} features.");
        }

        var documents = norms.Length;
        if (rowStart.Length != documents + 1 || categoryY.Length != documents || agencyY.Length != documents
            || indices.Length != values.Length || rowStart[0] != 0 || rowStart[^1] != indices.Length)
        {
            throw new InvalidDataException($"an inconsistent neighbour index ({documents} documents, {rowStart.Length} row starts, {indices.Length} indices, {values.Length} values).");
        }

        for (var d = 0; d < documents; d++)
        {
            if (rowStart[d + 1] < rowStart[d])
            {
                throw new InvalidDataException("the neighbour index's rows are not in order.");
            }
        }

        Dimension = dimension;
        _indexed = indexed ?? Enumerable.Repeat(true, dimension).ToArray();
        RowStart = rowStart;
        Indices = indices;
        Values = values;
        Norms = norms;
        CategoryY = categoryY;
        AgencyY = agencyY;

        var counts = new int[dimension + 1];
        foreach (var f in indices)
        {
            if ((uint)f >= (uint)dimension || !_indexed[f])
            {
                throw new InvalidDataException($"the neighbour index names feature {f} of {dimension}.");
            }

            counts[f + 1]++;
        }

        for (var f = 0; f < dimension; f++)
        {
            counts[f + 1] += counts[f];
        }

        _postStart = counts;
        _postDoc = new int[indices.Length];
        _postValue = new float[indices.Length];
        var next = (int[])counts.Clone();
        for (var d = 0; d < documents; d++)
        {
            var inverse = norms[d] > 0f ? 1f / norms[d] : 0f;
            for (var k = rowStart[d]; k < rowStart[d + 1]; k++)
            {
                var slot = next[indices[k]]++;
                _postDoc[slot] = d;
                _postValue[slot] = values[k] * inverse;
            }
        }
    }

    public int Dimension { get; }

    public int Documents => Norms.Length;

    internal int[] RowStart { get; }

    internal int[] Indices { get; }

    internal float[] Values { get; }

    internal float[] Norms { get; }

    internal int[] CategoryY { get; }

    internal int[] AgencyY { get; }

    /// <summary>The index of the training documents' vectors, each pruned to its <see cref="DocumentTerms"/> largest features.</summary>
    public static NearestNeighbours Build(int dimension, IReadOnlyList<SparseVector> documents, int[] categoryY, int[] agencyY, bool[]? indexed = null)
    {
        if (indexed is not null)
        {
            documents = documents.Select(x => Restrict(x, indexed)).ToArray();
        }

        var rowStart = new int[documents.Count + 1];
        var norms = new float[documents.Count];
        var kept = new SparseVector[documents.Count];
        for (var d = 0; d < documents.Count; d++)
        {
            var x = documents[d];
            var sum = 0f;
            foreach (var v in x.Values)
            {
                sum += v * v;
            }

            norms[d] = MathF.Sqrt(sum);
            kept[d] = Prune(x, DocumentTerms);
            rowStart[d + 1] = rowStart[d] + kept[d].Count;
        }

        var indices = new int[rowStart[^1]];
        var values = new float[rowStart[^1]];
        for (var d = 0; d < kept.Length; d++)
        {
            kept[d].Indices.CopyTo(indices, rowStart[d]);
            kept[d].Values.CopyTo(values, rowStart[d]);
        }

        return new NearestNeighbours(dimension, rowStart, indices, values, norms, (int[])categoryY.Clone(), (int[])agencyY.Clone(), indexed);
    }

    /// <summary>
    /// The features the retrieval member compares: the word n-grams. Not the region's (with the largest weights and the
    /// longest posting lists, it made "same district" the nearest neighbours: topic top-1 of the vote alone 0.33 instead
    /// of 0.45 on the validation slice), nor the character n-grams (slightly worse and slower than words alone).
    /// </summary>
    public static bool[] TextFeatures(TextFeaturizer featurizer) =>
        Enumerable.Range(0, featurizer.Dimension).Select(f => !featurizer.IsRegionFeature(f) && !featurizer.IsCharFeature(f)).ToArray();

    private static SparseVector Restrict(SparseVector x, bool[] indexed)
    {
        var keep = Enumerable.Range(0, x.Count).Where(i => indexed[x.Indices[i]]).ToArray();
        return keep.Length == x.Count ? x : new SparseVector(keep.Select(i => x.Indices[i]).ToArray(), keep.Select(i => x.Values[i]).ToArray());
    }

    /// <summary>The <paramref name="terms"/> largest-magnitude features of <paramref name="x"/>, indices ascending.</summary>
    internal static SparseVector Prune(SparseVector x, int terms)
    {
        if (x.Count <= terms)
        {
            return x;
        }

        var order = new int[x.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var magnitudes = x.Values.Select(MathF.Abs).ToArray();
        Array.Sort(magnitudes, order);
        var chosen = order[^terms..];
        Array.Sort(chosen);
        return new SparseVector(chosen.Select(i => x.Indices[i]).ToArray(), chosen.Select(i => x.Values[i]).ToArray());
    }

    /// <summary>
    /// The (up to) <paramref name="k"/> most similar documents, most similar first (ties: lower document first), with
    /// their cosine similarities; documents sharing no looked-up feature are never neighbours.
    /// </summary>
    public int Search(SparseVector x, int k, Span<int> documents, Span<float> similarities)
    {
        k = Math.Min(k, Math.Min(documents.Length, similarities.Length));
        if (k <= 0 || x.Count == 0 || Documents == 0)
        {
            return 0;
        }

        // The query's largest features (a partial selection on a small stack buffer).
        Span<int> queryIndex = stackalloc int[QueryTerms];
        Span<float> queryValue = stackalloc float[QueryTerms];
        var queryCount = 0;
        var sumSquares = 0f;
        for (var i = 0; i < x.Count; i++)
        {
            if ((uint)x.Indices[i] >= (uint)Dimension || !_indexed[x.Indices[i]])
            {
                continue;
            }

            var v = x.Values[i];
            sumSquares += v * v;
            if (queryCount < QueryTerms)
            {
                queryIndex[queryCount] = x.Indices[i];
                queryValue[queryCount++] = v;
                continue;
            }

            var smallest = 0;
            for (var j = 1; j < queryCount; j++)
            {
                if (MathF.Abs(queryValue[j]) < MathF.Abs(queryValue[smallest]))
                {
                    smallest = j;
                }
            }

            if (MathF.Abs(v) > MathF.Abs(queryValue[smallest]))
            {
                queryIndex[smallest] = x.Indices[i];
                queryValue[smallest] = v;
            }
        }

        if (!(sumSquares > 0f))
        {
            return 0;
        }

        var inverseNorm = 1f / MathF.Sqrt(sumSquares);
        var accumulator = t_accumulator is { } a && a.Length >= Documents ? a : t_accumulator = new float[Documents];
        var touched = t_touched ??= new List<int>(1024);
        touched.Clear();
        for (var q = 0; q < queryCount; q++)
        {
            var f = queryIndex[q];
            var w = queryValue[q] * inverseNorm;
            for (var p = _postStart[f]; p < _postStart[f + 1]; p++)
            {
                var d = _postDoc[p];
                if (accumulator[d] == 0f)
                {
                    touched.Add(d);
                }

                accumulator[d] += w * _postValue[p];
            }
        }

        // Top k by insertion into the (short) output.
        var found = 0;
        foreach (var d in touched)
        {
            var s = accumulator[d];
            accumulator[d] = 0f;
            if (!(s > 0f) || (found == k && !Before(s, d, similarities[found - 1], documents[found - 1])))
            {
                continue;
            }

            var position = found < k ? found++ : k - 1;
            while (position > 0 && Before(s, d, similarities[position - 1], documents[position - 1]))
            {
                similarities[position] = similarities[position - 1];
                documents[position] = documents[position - 1];
                position--;
            }

            similarities[position] = s;
            documents[position] = d;
        }

        return found;
    }

    private static bool Before(float s, int d, float otherS, int otherD) => s > otherS || (s == otherS && d < otherD);

    /// <summary>
    /// The neighbours' similarity-weighted vote per class: Σ sim of the neighbours of class c / Σ sim of all
    /// (a distribution over <paramref name="scores"/>); false, and all zero, when there is no neighbour.
    /// </summary>
    public static bool Vote(ReadOnlySpan<int> documents, ReadOnlySpan<float> similarities, int[] labels, Span<float> scores)
    {
        scores.Clear();
        var total = 0f;
        for (var i = 0; i < documents.Length; i++)
        {
            var c = labels[documents[i]];
            if ((uint)c < (uint)scores.Length)
            {
                scores[c] += similarities[i];
                total += similarities[i];
            }
        }

        if (!(total > 0f))
        {
            scores.Clear();
            return false;
        }

        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] /= total;
        }

        return true;
    }

    /// <summary>p ← (1 − β) · p + β · vote, for each task (its own β), from the <paramref name="k"/> nearest neighbours of <paramref name="x"/>.</summary>
    public void Blend(SparseVector x, int k, float categoryWeight, float agencyWeight, Span<float> category, Span<float> agency)
    {
        if ((categoryWeight <= 0f && agencyWeight <= 0f) || k <= 0)
        {
            return;
        }

        k = Math.Min(k, MaxNeighbours);
        Span<int> documents = stackalloc int[k];
        Span<float> similarities = stackalloc float[k];
        var found = Search(x, k, documents, similarities);
        Mix(documents[..found], similarities[..found], CategoryY, categoryWeight, category);
        Mix(documents[..found], similarities[..found], AgencyY, agencyWeight, agency);
    }

    /// <summary>p ← (1 − β) · p + β · vote; p unchanged when there is no neighbour.</summary>
    internal static void Mix(ReadOnlySpan<int> documents, ReadOnlySpan<float> similarities, int[] labels, float weight, Span<float> probabilities)
    {
        if (weight <= 0f)
        {
            return;
        }

        Span<float> vote = probabilities.Length <= 1024 ? stackalloc float[probabilities.Length] : new float[probabilities.Length];
        if (!Vote(documents, similarities, labels, vote))
        {
            return;
        }

        for (var c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] = ((1f - weight) * probabilities[c]) + (weight * vote[c]);
        }
    }
}
