using System.Buffers;
using System.Text;

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

    /// <summary>Longer "words" (a URL the masks missed, a run of letters) get no character n-grams.</summary>
    private const int MaxCharNgramWord = 60;

    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly float[] _idf;
    private readonly byte[] _block;

    // Each vocabulary word with its own feature and its character n-gram features, worked out once: one lookup per
    // known word instead of one per n-gram.
    private readonly Dictionary<string, int[]> _words;

    private readonly ArrayPool<int> _counters;

    private TextFeaturizer(FeaturizerSettings settings, string[] features, float[] idf)
    {
        Settings = settings;
        Features = features;
        _idf = idf;
        _vocabulary = new Dictionary<string, int>(features.Length, KeyComparer.Instance);
        _block = new byte[features.Length];
        for (var i = 0; i < features.Length; i++)
        {
            _vocabulary.Add(features[i], i);
            _block[i] = BlockOf(features[i][0]);
        }

        _lookup = _vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        _counters = ArrayPool<int>.Create(Math.Max(features.Length, 16), maxArraysPerBucket: 64);
        _words = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var hits = new VocabularyHits(_lookup, new List<int>(32));
        for (var i = 0; i < features.Length; i++)
        {
            var key = features[i];
            if (key[0] != WordKind || key.Contains(' ', StringComparison.Ordinal))
            {
                continue;
            }

            hits.Indices.Clear();
            hits.Indices.Add(i);
            CharNgrams(settings, key[1..], ref hits);
            _words[key[1..]] = hits.Indices.ToArray();
        }
    }

    public FeaturizerSettings Settings { get; }

    /// <summary>The feature keys, by index (kind letter + n-gram).</summary>
    public string[] Features { get; }

    public float[] Idf => _idf;

    public int Dimension => Features.Length;

    public static TextFeaturizer Build(FeaturizerSettings settings, IReadOnlyList<(IReadOnlyList<string> Tokens, string? Region)> documents)
    {
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new DistinctKeys(new HashSet<string>(StringComparer.Ordinal));
        foreach (var (tokens, region) in documents)
        {
            seen.Keys.Clear();
            Enumerate(settings, tokens, region, ref seen);
            foreach (var key in seen.Keys)
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

    /// <summary>The same featurizer restricted to the features at <paramref name="keep"/> (ascending indices).</summary>
    public TextFeaturizer Subset(int[] keep) => new(Settings, keep.Select(f => Features[f]).ToArray(), keep.Select(f => _idf[f]).ToArray());

    public bool IsRegionFeature(int feature) => Features[feature][0] == RegionKind;

    /// <summary>Whether the feature is a character n-gram.</summary>
    public bool IsCharFeature(int feature) => Features[feature][0] == CharKind;

    public SparseVector Featurize(IReadOnlyList<string> tokens, string? region) => Vectorize(Hits(tokens, region));

    /// <summary>The same vector, the slow way: every key of <see cref="Enumerate"/> looked up (tests check the two agree).</summary>
    internal SparseVector FeaturizeByKeys(IReadOnlyList<string> tokens, string? region)
    {
        var hits = new VocabularyHits(_lookup, new List<int>(512));
        Enumerate(Settings, tokens, region, ref hits);
        return Vectorize(hits.Indices);
    }

    private List<int> Hits(IReadOnlyList<string> tokens, string? region)
    {
        // Every vocabulary hit, repeats included; sorted, the repeats are the term frequencies.
        var hits = new VocabularyHits(_lookup, new List<int>(512));
        Span<char> key = stackalloc char[MaxCharNgramWord + 2];
        key[0] = WordKind;
        foreach (var token in tokens)
        {
            if (_words.TryGetValue(token, out var known))
            {
                hits.Indices.AddRange(known);
                continue;
            }

            if (token.Length <= MaxCharNgramWord)
            {
                token.AsSpan().CopyTo(key[1..]);
                hits.Add(key[..(token.Length + 1)]);
            }
            else
            {
                hits.Add(string.Concat(WordKind.ToString(), token));
            }

            CharNgrams(Settings, token, ref hits);
        }

        if (Settings.WordNgramLength > 1)
        {
            WordNgrams(Settings, tokens, 2, ref hits);
        }

        RegionKeys(Settings, region, ref hits);
        return hits.Indices;
    }

    private SparseVector Vectorize(List<int> all)
    {
        // Term frequencies with a pooled counter per feature (no sort of every hit, only of the distinct features).
        // The pool is this featurizer's own: its arrays go back all zero, which a shared pool would not promise.
        var counts = _counters.Rent(Dimension);
        var distinctList = new List<int>(Math.Min(all.Count, 1024));
        foreach (var index in all)
        {
            if (counts[index]++ == 0)
            {
                distinctList.Add(index);
            }
        }

        var indices = distinctList.ToArray();
        Array.Sort(indices);
        var distinct = indices.Length;
        var frequencies = new int[distinct];
        for (var i = 0; i < distinct; i++)
        {
            frequencies[i] = counts[indices[i]];
            counts[indices[i]] = 0;
        }

        _counters.Return(counts);
        var values = new float[distinct];
        Span<double> norms = stackalloc double[3];
        for (var i = 0; i < indices.Length; i++)
        {
            var tf = frequencies[i];
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

    /// <summary>Receives feature keys (a struct, so the calls are direct and inlined).</summary>
    private interface IKeySink
    {
        void Add(ReadOnlySpan<char> key);
    }

    private readonly struct DistinctKeys(HashSet<string> keys) : IKeySink
    {
        public HashSet<string> Keys { get; } = keys;

        public void Add(ReadOnlySpan<char> key) => Keys.Add(key.ToString());
    }

    private readonly struct VocabularyHits(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup, List<int> indices) : IKeySink
    {
        public List<int> Indices { get; } = indices;

        public void Add(ReadOnlySpan<char> key)
        {
            if (lookup.TryGetValue(key, out var index))
            {
                Indices.Add(index);
            }
        }
    }

    /// <summary>
    /// Ordinal string equality with a cheap non-randomised hash (FNV-1a), for the span-keyed vocabulary lookups that
    /// dominate featurisation. The vocabulary is fixed at training, so a crafted text can only collide with itself.
    /// </summary>
    private sealed class KeyComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
    {
        public static KeyComparer Instance { get; } = new();

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<char> alternate, string other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<char> alternate) => Hash(alternate);

        public string Create(ReadOnlySpan<char> alternate) => alternate.ToString();

        private static int Hash(ReadOnlySpan<char> text)
        {
            var hash = 2166136261u;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)hash;
        }
    }

    /// <summary>Gives <paramref name="sink"/> each feature key of a document (repeats included).</summary>
    private static void Enumerate<TSink>(FeaturizerSettings settings, IReadOnlyList<string> tokens, string? region, ref TSink sink)
        where TSink : struct, IKeySink
    {
        WordNgrams(settings, tokens, 1, ref sink);
        foreach (var token in tokens)
        {
            CharNgrams(settings, token, ref sink);
        }

        RegionKeys(settings, region, ref sink);
    }

    /// <summary>Word n-grams of length <paramref name="shortest"/> … WordNgramLength: "w" + tokens joined by single spaces.</summary>
    private static void WordNgrams<TSink>(FeaturizerSettings settings, IReadOnlyList<string> tokens, int shortest, ref TSink sink)
        where TSink : struct, IKeySink
    {
        var buffer = ArrayPool<char>.Shared.Rent(256);
        try
        {
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
                    if (n >= shortest)
                    {
                        sink.Add(buffer.AsSpan(0, length));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Character n-grams inside one word, with '<' and '>' marking its edges ("c" + window); masks have none.</summary>
    private static void CharNgrams<TSink>(FeaturizerSettings settings, string token, ref TSink sink)
        where TSink : struct, IKeySink
    {
        if (settings.CharNgramMax <= 0 || token.Length == 0 || token[0] == '#' || token.Length > MaxCharNgramWord)
        {
            return;
        }

        Span<char> padded = stackalloc char[MaxCharNgramWord + 2];
        Span<char> gram = stackalloc char[settings.CharNgramMax + 1];
        padded[0] = '<';
        token.AsSpan().CopyTo(padded[1..]);
        padded[token.Length + 1] = '>';
        var length = token.Length + 2;
        gram[0] = CharKind;
        for (var n = settings.CharNgramMin; n <= settings.CharNgramMax; n++)
        {
            for (var start = 0; start + n <= length; start++)
            {
                padded.Slice(start, n).CopyTo(gram[1..]);
                sink.Add(gram[..(n + 1)]);
            }
        }
    }

    /// <summary>Region: every prefix of the region path ("35/78", "35/78/01", … or "tegalsari", "tegalsari/dr. soetomo").</summary>
    private static void RegionKeys<TSink>(FeaturizerSettings settings, string? region, ref TSink sink)
        where TSink : struct, IKeySink
    {
        if (!settings.UseRegion || string.IsNullOrWhiteSpace(region))
        {
            return;
        }

        var path = new StringBuilder();
        path.Append(RegionKind);
        foreach (var segment in SplitRegion(region))
        {
            if (path.Length > 1)
            {
                path.Append('/');
            }

            path.Append(segment);
            sink.Add(path.ToString());
        }
    }

    /// <summary>Region path segments, lower case.</summary>
    internal static IEnumerable<string> SplitRegion(string region) =>
        Model.RegionPath.Segments(region).Select(s => s.ToLowerInvariant());
}
