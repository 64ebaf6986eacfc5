using System.Buffers;
using System.Text;
using Lapor.Hub.Routing.Text;

namespace Lapor.Hub.Routing.Features;

/// <summary>A sparse feature vector: ascending indices and their values.</summary>
internal readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public int Count => Indices.Length;
}

/// <summary>The feature settings a featurizer was built with (saved with the model).</summary>
internal sealed record FeaturizerSettings(
    int WordNgramLength,
    int CharNgramMin,
    int CharNgramMax,
    bool UseRegion,
    int MinDocumentFrequency,
    float WordWeight,
    float CharWeight,
    float RegionWeight,
    bool SublinearTf);

/// <summary>
/// Turns normalised complaint text (and the report's region, when known) into a TF-IDF weighted sparse vector:
/// word n-grams (1..WordNgramLength), character n-grams inside words (with word-boundary marks), and region
/// path prefixes. Each block is L2-normalised separately and scaled by its weight, so the blocks' influence
/// is a setting, not an accident of text length. The vocabulary is fixed at training: features seen in fewer
/// than MinDocumentFrequency training documents are left out. Featurize is thread-safe and allocation-light
/// (n-gram lookups go through a span-keyed dictionary lookup, no string per n-gram).
/// </summary>
internal sealed class TextFeaturizer
{
    private const char WordKind = 'w';
    private const char CharKind = 'c';
    private const char RegionKind = 'r';

    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly float[] _idf;
    private readonly byte[] _block;

    private TextFeaturizer(FeaturizerSettings settings, string[] features, float[] idf)
    {
        Settings = settings;
        Features = features;
        _idf = idf;
        _vocabulary = new Dictionary<string, int>(features.Length, StringComparer.Ordinal);
        _block = new byte[features.Length];
        for (var i = 0; i < features.Length; i++)
        {
            _vocabulary.Add(features[i], i);
            _block[i] = BlockOf(features[i][0]);
        }

        _lookup = _vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public FeaturizerSettings Settings { get; }

    /// <summary>The feature keys, by index (kind letter + n-gram).</summary>
    public string[] Features { get; }

    public float[] Idf => _idf;

    public int Dimension => Features.Length;

    public static TextFeaturizer Build(FeaturizerSettings settings, IReadOnlyList<(IReadOnlyList<string> Tokens, string? Region)> documents)
    {
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (tokens, region) in documents)
        {
            seen.Clear();
            Enumerate(settings, tokens, region, key => seen.Add(key.ToString()));
            foreach (var key in seen)
            {
                documentFrequency[key] = documentFrequency.GetValueOrDefault(key) + 1;
            }
        }

        var kept = documentFrequency
            .Where(p => p.Value >= Math.Max(1, settings.MinDocumentFrequency) || (p.Key[0] == RegionKind && p.Value >= 1))
            .OrderBy(p => BlockOf(p.Key[0]))
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToArray();
        var features = kept.Select(p => p.Key).ToArray();
        var n = documents.Count;
        var idf = kept.Select(p => (float)(Math.Log((1.0 + n) / (1.0 + p.Value)) + 1.0)).ToArray();
        return new TextFeaturizer(settings, features, idf);
    }

    public static TextFeaturizer Create(FeaturizerSettings settings, string[] features, float[] idf)
    {
        if (features.Length != idf.Length)
        {
            throw new InvalidDataException($"the feature list has {features.Length} entries but the idf list {idf.Length}.");
        }

        return new TextFeaturizer(settings, features, idf);
    }

    public SparseVector Featurize(string text, string? region) => Featurize(IndonesianTextNormalizer.Tokenize(text), region);

    public SparseVector Featurize(IReadOnlyList<string> tokens, string? region)
    {
        var counts = new Dictionary<int, int>(256);
        Enumerate(Settings, tokens, region, key =>
        {
            if (_lookup.TryGetValue(key, out var index))
            {
                counts[index] = counts.GetValueOrDefault(index) + 1;
            }
        });

        var indices = new int[counts.Count];
        var values = new float[counts.Count];
        var k = 0;
        foreach (var index in counts.Keys)
        {
            indices[k++] = index;
        }

        Array.Sort(indices);
        Span<double> norms = stackalloc double[3];
        for (var i = 0; i < indices.Length; i++)
        {
            var tf = counts[indices[i]];
            var value = (Settings.SublinearTf ? 1f + MathF.Log(tf) : tf) * _idf[indices[i]];
            values[i] = value;
            norms[_block[indices[i]]] += value * value;
        }

        Span<float> scale = stackalloc float[3];
        scale[0] = norms[0] > 0 ? Settings.WordWeight / (float)Math.Sqrt(norms[0]) : 0f;
        scale[1] = norms[1] > 0 ? Settings.CharWeight / (float)Math.Sqrt(norms[1]) : 0f;
        scale[2] = norms[2] > 0 ? Settings.RegionWeight / (float)Math.Sqrt(norms[2]) : 0f;
        for (var i = 0; i < indices.Length; i++)
        {
            values[i] *= scale[_block[indices[i]]];
        }

        return new SparseVector(indices, values);
    }

    private static byte BlockOf(char kind) => kind switch
    {
        WordKind => 0,
        CharKind => 1,
        _ => 2,
    };

    private delegate void KeyAction(ReadOnlySpan<char> key);

    /// <summary>Calls <paramref name="action"/> with each feature key of a document (repeats included).</summary>
    private static void Enumerate(FeaturizerSettings settings, IReadOnlyList<string> tokens, string? region, KeyAction action)
    {
        var buffer = ArrayPool<char>.Shared.Rent(256);
        var gram = ArrayPool<char>.Shared.Rent(settings.CharNgramMax + 2);
        try
        {
            // Word n-grams: "w" + tokens joined by single spaces.
            for (var i = 0; i < tokens.Count; i++)
            {
                var length = 1;
                buffer[0] = WordKind;
                for (var n = 1; n <= settings.WordNgramLength && i + n - 1 < tokens.Count; n++)
                {
                    var token = tokens[i + n - 1];
                    if (n > 1)
                    {
                        buffer[length++] = ' ';
                    }

                    if (length + token.Length + 1 > buffer.Length)
                    {
                        break;
                    }

                    token.AsSpan().CopyTo(buffer.AsSpan(length));
                    length += token.Length;
                    action(buffer.AsSpan(0, length));
                }
            }

            // Character n-grams inside each word, with '<' and '>' marking the word's edges; masks are left out.
            if (settings.CharNgramMax > 0)
            {
                foreach (var token in tokens)
                {
                    if (token.Length == 0 || token[0] == '#' || token.Length + 3 > buffer.Length)
                    {
                        continue;
                    }

                    // buffer = "<token>"; each key is the kind letter followed by one window of it.
                    buffer[0] = '<';
                    token.AsSpan().CopyTo(buffer.AsSpan(1));
                    buffer[token.Length + 1] = '>';
                    var padded = token.Length + 2;
                    for (var n = settings.CharNgramMin; n <= settings.CharNgramMax; n++)
                    {
                        for (var start = 0; start + n <= padded; start++)
                        {
                            gram[0] = CharKind;
                            buffer.AsSpan(start, n).CopyTo(gram.AsSpan(1));
                            action(gram.AsSpan(0, n + 1));
                        }
                    }
                }
            }

            // Region: every prefix of the region path ("35.78", "35.78.01", … or "Surabaya/Tegalsari/…").
            if (settings.UseRegion && !string.IsNullOrWhiteSpace(region))
            {
                var path = new StringBuilder();
                path.Append(RegionKind);
                foreach (var segment in SplitRegion(region))
                {
                    if (path.Length > 1)
                    {
                        path.Append('/');
                    }

                    path.Append(segment);
                    action(path.ToString());
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
            ArrayPool<char>.Shared.Return(gram);
        }
    }

    /// <summary>Region path segments, lower case.</summary>
    internal static IEnumerable<string> SplitRegion(string region) =>
        Model.RegionPath.Segments(region).Select(s => s.ToLowerInvariant());
}
