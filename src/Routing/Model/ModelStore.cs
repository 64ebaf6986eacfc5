using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lapor.Hub.Routing.Features;

namespace Lapor.Hub.Routing.Model;

/// <summary>
/// The calibration: per task a temperature for each ensemble member (before pooling) and one for the pooled
/// scores, and the coupling strength λ; with how the held-back slice came out (saved in the manifest so the
/// confidences explain themselves). Without a slice: all 1, λ the default.
/// </summary>
internal sealed record CalibrationInfo(
    int FitRows,
    int HeldBackRows,
    string Slice,
    float[] CategoryMemberTemperatures,
    float[] AgencyMemberTemperatures,
    float CategoryTemperature,
    float AgencyTemperature,
    float CouplingStrength,
    double HeldBackCategoryAccuracy,
    double HeldBackAgencyAccuracy)
{
    /// <summary>k of the retrieval member (0: none).</summary>
    public int NeighbourCount { get; init; }

    /// <summary>β of the category: the retrieval member's share of the blended probabilities.</summary>
    public float CategoryNeighbourWeight { get; init; }

    /// <summary>β of the agency.</summary>
    public float AgencyNeighbourWeight { get; init; }

    public static CalibrationInfo Default(RoutingTrainingOptions options) => new(
        0,
        0,
        "none",
        Enumerable.Repeat(1f, options.Trainers.Count).ToArray(),
        Enumerable.Repeat(1f, options.Trainers.Count).ToArray(),
        1f,
        1f,
        options.CoupleCategoryAndAgency ? RoutingTrainer.DefaultCouplingStrength : 0f,
        0,
        0)
    {
        NeighbourCount = options.NearestNeighbours ? RoutingTrainer.DefaultNeighbourCount : 0,
        CategoryNeighbourWeight = options.NearestNeighbours ? RoutingTrainer.DefaultNeighbourWeight : 0f,
        AgencyNeighbourWeight = options.NearestNeighbours ? RoutingTrainer.DefaultNeighbourWeight : 0f,
    };
}

/// <summary>Region-relative agency family, as saved.</summary>
internal sealed record RegionAgencyEntry(string Label, string Prefix, int Segment, int Count);

/// <summary>manifest.json: what a saved model is, how it was trained, and its labels.</summary>
internal sealed record ModelManifest
{
    /// <summary>
    /// 3: the retrieval member's index after the coupling table (NeighbourCount, CategoryNeighbourWeight, AgencyNeighbourWeight); 2: sparse weight
    /// rows and the confidence smoothing (format 1 stored dense weights).
    /// </summary>
    public const int CurrentFormat = 3;

    public int Format { get; init; } = CurrentFormat;

    public required string Version { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required RoutingTrainingOptions Options { get; init; }

    public required int TrainingRows { get; init; }

    public int Features { get; init; }

    public required string[] CategoryLabels { get; init; }

    public required string[] AgencyLabels { get; init; }

    public RegionAgencyEntry[] RegionAgencies { get; init; } = [];

    /// <summary>Agency comparison key → agency name as written in training (to resolve region-relative families).</summary>
    public Dictionary<string, string> AgencyNames { get; init; } = [];

    public float CategoryTemperature { get; init; } = 1f;

    public float AgencyTemperature { get; init; } = 1f;

    /// <summary>λ of the category–agency coupling (0: none).</summary>
    public float CouplingStrength { get; init; }

    /// <summary>
    /// ε in p ← (1 − ε) p + ε / K, applied last: 1 / (n + 2) for n calibration rows (the rule of succession), or for n
    /// training rows without calibration. Even a model that got every held-out row right is not "100% sure".
    /// </summary>
    public float ConfidenceSmoothing { get; init; }

    public CalibrationInfo? Calibration { get; init; }

    /// <summary>k of the retrieval member (0: none).</summary>
    public int NeighbourCount { get; init; }

    /// <summary>β of the category in p ← (1 − β) p + β · vote of the k nearest training reports.</summary>
    public float CategoryNeighbourWeight { get; init; }

    /// <summary>β of the agency.</summary>
    public float AgencyNeighbourWeight { get; init; }

    public string ModelFile { get; init; } = ModelStore.ModelFileName;

    public long ModelBytes { get; init; }

    public string ModelSha256 { get; init; } = "";
}

/// <summary>
/// Saves and loads models. A model directory holds manifest.json (readable: version, options, labels,
/// calibration) and model.bin (vocabulary, IDF, sparse weight rows, coupling table; little-endian), checked by SHA-256 on load.
/// Saving writes a sibling temporary directory and renames it into place, so a reader never sees half a model.
/// </summary>
internal static class ModelStore
{
    public const string ManifestFileName = "manifest.json";
    public const string ModelFileName = "model.bin";
    private const uint Magic = 0x4D52484C; // "LHRM"

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Saves the model, and any <paramref name="extraFiles"/> (name → text) next to it, in one rename.</summary>
    public static void Save(RoutingModel model, string directory, IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var target = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(target.TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(target.TrimEnd(Path.DirectorySeparatorChar))}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            var modelPath = Path.Combine(temporary, ModelFileName);
            using (var stream = new FileStream(modelPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                WriteBinary(model, stream);
                stream.Flush(flushToDisk: true);
            }

            var (bytes, hash) = Describe(modelPath);
            var manifest = model.Manifest with
            {
                ModelFile = ModelFileName,
                ModelBytes = bytes,
                ModelSha256 = hash,
                Features = model.Featurizer.Dimension,
            };
            File.WriteAllText(Path.Combine(temporary, ManifestFileName), JsonSerializer.Serialize(manifest, Json), Encoding.UTF8);
            foreach (var (name, text) in extraFiles ?? new Dictionary<string, string>())
            {
                if (name is ManifestFileName or ModelFileName || Path.GetFileName(name) != name)
                {
                    throw new ArgumentException($"\"{name}\" cannot be saved next to a model.", nameof(extraFiles));
                }

                File.WriteAllText(Path.Combine(temporary, name), text, Encoding.UTF8);
            }

            // An existing model directory is replaced as a whole (its old files go with it).
            if (Directory.Exists(target))
            {
                var old = temporary + ".old";
                Directory.Move(target, old);
                Directory.Move(temporary, target);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(temporary, target);
            }
        }
        catch
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }

            throw;
        }
    }

    public static RoutingModel Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new RoutingModelException(directory, "the directory does not exist.");
        }

        var manifestPath = Path.Combine(directory, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw new RoutingModelException(directory, $"{ManifestFileName} is missing (not a routing model directory, or an unfinished save).");
        }

        ModelManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(manifestPath), Json)
                ?? throw new RoutingModelException(directory, $"{ManifestFileName} is empty.");
        }
        catch (JsonException e)
        {
            throw new RoutingModelException(directory, $"{ManifestFileName} is not valid: {e.Message}", e);
        }

        if (manifest.Format != ModelManifest.CurrentFormat)
        {
            throw new RoutingModelException(directory, $"model format {manifest.Format} is not supported (this build reads format {ModelManifest.CurrentFormat}).");
        }

        var modelPath = Path.Combine(directory, manifest.ModelFile);
        if (!File.Exists(modelPath))
        {
            throw new RoutingModelException(directory, $"{manifest.ModelFile} is missing.");
        }

        var (bytes, hash) = Describe(modelPath);
        if (bytes != manifest.ModelBytes || !string.Equals(hash, manifest.ModelSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new RoutingModelException(directory, $"{manifest.ModelFile} does not match the manifest ({bytes} bytes, SHA-256 {hash}; expected {manifest.ModelBytes} bytes, {manifest.ModelSha256}): the file is corrupt or from another model.");
        }

        try
        {
            using var stream = new FileStream(modelPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return ReadBinary(manifest, stream);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException or OverflowException or ArgumentException)
        {
            throw new RoutingModelException(directory, $"{manifest.ModelFile} cannot be read: {e.Message}", e);
        }
    }

    private static (long Bytes, string Sha256) Describe(string path)
    {
        using var stream = File.OpenRead(path);
        var hash = SHA256.HashData(stream);
        return (stream.Length, Convert.ToHexStringLower(hash));
    }

    private static void WriteBinary(RoutingModel model, Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(ModelManifest.CurrentFormat);
        var featurizer = model.Featurizer;
        writer.Write(featurizer.Dimension);
        for (var i = 0; i < featurizer.Dimension; i++)
        {
            writer.Write(featurizer.Features[i]);
        }

        WriteFloats(writer, featurizer.Idf);
        WriteClassifier(writer, model.Category.Classifier);
        WriteClassifier(writer, model.Agency.Classifier);
        if (model.Coupling is { } coupling)
        {
            writer.Write(coupling.AgencyGivenCategory.Length);
            WriteFloats(writer, coupling.AgencyGivenCategory);
            WriteFloats(writer, coupling.AgencyPrior);
        }
        else
        {
            writer.Write(0);
        }

        if (model.Neighbours is { } neighbours)
        {
            writer.Write(neighbours.Documents);
            writer.Write(neighbours.Indices.Length);
            writer.Write(MemoryMarshal.AsBytes(neighbours.RowStart.AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(neighbours.Indices.AsSpan()));
            WriteFloats(writer, neighbours.Values);
            WriteFloats(writer, neighbours.Norms);
            writer.Write(MemoryMarshal.AsBytes(neighbours.CategoryY.AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(neighbours.AgencyY.AsSpan()));
        }
        else
        {
            writer.Write(0);
        }

        writer.Write(Magic);
    }

    private static RoutingModel ReadBinary(ModelManifest manifest, Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadUInt32() != Magic || reader.ReadInt32() != ModelManifest.CurrentFormat)
        {
            throw new InvalidDataException("not a routing model file of this format.");
        }

        var dimension = reader.ReadInt32();
        if (dimension < 0 || dimension > 50_000_000)
        {
            throw new InvalidDataException($"implausible feature count {dimension}.");
        }

        var features = new string[dimension];
        for (var i = 0; i < dimension; i++)
        {
            features[i] = reader.ReadString();
        }

        var idf = ReadFloats(reader, dimension);
        var category = ReadClassifier(reader, dimension, manifest.CategoryTemperature);
        var agency = ReadClassifier(reader, dimension, manifest.AgencyTemperature);
        var tableLength = reader.ReadInt32();
        CategoryAgencyCoupling? coupling = null;
        if (tableLength > 0)
        {
            var categories = manifest.CategoryLabels.Length;
            var agencies = manifest.AgencyLabels.Length;
            if (tableLength != categories * agencies)
            {
                throw new InvalidDataException($"the coupling table has {tableLength} entries, expected {categories * agencies}.");
            }

            var table = ReadFloats(reader, tableLength);
            var prior = ReadFloats(reader, agencies);
            coupling = new CategoryAgencyCoupling(categories, agencies, table, prior, manifest.CouplingStrength);
        }

        var documents = reader.ReadInt32();
        NearestNeighbours? neighbours = null;
        var featurizer = TextFeaturizer.Create(RoutingTrainer.FeaturizerSettingsFor(manifest.Options), features, idf);
        if (documents != 0)
        {
            var nonZero = reader.ReadInt32();
            if (documents < 0 || documents > 10_000_000 || nonZero < 0 || (long)nonZero > (long)documents * NearestNeighbours.DocumentTerms)
            {
                throw new InvalidDataException($"an implausible neighbour index ({documents} documents, {nonZero} values).");
            }

            var rowStart = new int[documents + 1];
            ReadExactly(reader, MemoryMarshal.AsBytes(rowStart.AsSpan()));
            var indices = new int[nonZero];
            ReadExactly(reader, MemoryMarshal.AsBytes(indices.AsSpan()));
            var values = ReadFloats(reader, nonZero);
            var norms = ReadFloats(reader, documents);
            var categoryY = new int[documents];
            ReadExactly(reader, MemoryMarshal.AsBytes(categoryY.AsSpan()));
            var agencyY = new int[documents];
            ReadExactly(reader, MemoryMarshal.AsBytes(agencyY.AsSpan()));
            neighbours = new NearestNeighbours(dimension, rowStart, indices, values, norms, categoryY, agencyY, NearestNeighbours.TextFeatures(featurizer));
        }

        if (reader.ReadUInt32() != Magic)
        {
            throw new InvalidDataException("the file does not end where expected.");
        }

        var regions = new RegionAgencies(
            manifest.RegionAgencies.Select(r => new RegionAgencies.Template(r.Label, r.Prefix, r.Segment, r.Count)),
            manifest.AgencyNames);
        return new RoutingModel(
            manifest,
            featurizer,
            new TaskModel(manifest.CategoryLabels, category),
            new TaskModel(manifest.AgencyLabels, agency),
            regions,
            coupling,
            neighbours);
    }

    private static void WriteClassifier(BinaryWriter writer, LinearClassifier classifier)
    {
        writer.Write(classifier.Classes);
        writer.Write(classifier.Dimension);
        writer.Write(classifier.NonZeroWeights);
        WriteFloats(writer, classifier.Bias);
        writer.Write(MemoryMarshal.AsBytes(classifier.RowStart.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(classifier.ClassIndex.AsSpan()));
        WriteFloats(writer, classifier.Values);
    }

    private static LinearClassifier ReadClassifier(BinaryReader reader, int dimension, float temperature)
    {
        var classes = reader.ReadInt32();
        var columns = reader.ReadInt32();
        var nonZero = reader.ReadInt32();
        if (classes < 1 || classes > ushort.MaxValue || columns != dimension || nonZero < 0 || (long)nonZero > (long)classes * dimension)
        {
            throw new InvalidDataException($"a classifier of {classes} classes × {columns} features with {nonZero} weights does not fit {dimension} features.");
        }

        var bias = ReadFloats(reader, classes);
        var rowStart = new int[dimension + 1];
        ReadExactly(reader, MemoryMarshal.AsBytes(rowStart.AsSpan()));
        var classIndex = new ushort[nonZero];
        ReadExactly(reader, MemoryMarshal.AsBytes(classIndex.AsSpan()));
        var values = ReadFloats(reader, nonZero);
        return new LinearClassifier(classes, dimension, rowStart, classIndex, values, bias, temperature);
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("routing models are written little-endian.");
        }

        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static float[] ReadFloats(BinaryReader reader, int count)
    {
        var values = new float[count];
        ReadExactly(reader, MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static void ReadExactly(BinaryReader reader, Span<byte> bytes)
    {
        var read = 0;
        while (read < bytes.Length)
        {
            var n = reader.Read(bytes[read..]);
            if (n == 0)
            {
                throw new EndOfStreamException("the file ends early.");
            }

            read += n;
        }
    }
}
