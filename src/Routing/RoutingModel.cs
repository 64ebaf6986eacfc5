using System.Diagnostics.CodeAnalysis;
using Lapor.Hub.Routing.Features;
using Lapor.Hub.Routing.Model;
using Lapor.Hub.Routing.Text;

namespace Lapor.Hub.Routing;

/// <summary>
/// A trained routing model: suggests the top categories and agencies for a report's text with calibrated
/// confidences. Immutable; <see cref="Suggest"/> is thread-safe and allocation-light (the scores are computed
/// from the trained linear weights, no ML.NET PredictionEngine involved). Rare labels were folded into
/// "(other)" at training and are never suggested, so a task's confidences may sum to less than one.
/// </summary>
public sealed class RoutingModel : IRoutingSuggester
{
    /// <summary>How many categories and agencies <see cref="Suggest"/> returns.</summary>
    public const int SuggestionCount = 3;

    internal RoutingModel(
        ModelManifest manifest,
        TextFeaturizer featurizer,
        TaskModel category,
        TaskModel agency,
        RegionAgencies regions,
        CategoryAgencyCoupling? coupling,
        NearestNeighbours? neighbours = null)
    {
        if (coupling is not null && (coupling.Categories != category.Classes || coupling.Agencies != agency.Classes))
        {
            throw new InvalidDataException($"the category–agency coupling is {coupling.Categories} × {coupling.Agencies}, the model has {category.Classes} × {agency.Classes} classes.");
        }

        Manifest = manifest;
        Featurizer = featurizer;
        Category = category;
        Agency = agency;
        Regions = regions;
        if (neighbours is not null && (neighbours.Dimension != featurizer.Dimension
            || neighbours.CategoryY.Any(y => (uint)y >= (uint)category.Classes) || neighbours.AgencyY.Any(y => (uint)y >= (uint)agency.Classes)))
        {
            throw new InvalidDataException("the neighbour index does not fit the model's features or labels.");
        }

        Coupling = coupling;
        Neighbours = neighbours;
    }

    /// <summary>The model version, e.g. "20261128-0912-ab12cd" (UTC training time and a content hash).</summary>
    public string Version => Manifest.Version;

    /// <summary>When the model was trained.</summary>
    public DateTimeOffset CreatedAt => Manifest.CreatedAt;

    /// <summary>How many examples the model was trained on.</summary>
    public int TrainingRows => Manifest.TrainingRows;

    /// <summary>The options the model was trained with.</summary>
    public RoutingTrainingOptions Options => Manifest.Options;

    /// <summary>The categories the model can suggest.</summary>
    public IReadOnlyList<string> Categories => Category.Labels.Where(l => l != RoutingTrainingOptions.OtherLabel).ToArray();

    /// <summary>The agencies the model can suggest; region-relative families appear as e.g. "Kelurahan {region:1}".</summary>
    public IReadOnlyList<string> Agencies => Agency.Labels.Where(l => l != RoutingTrainingOptions.OtherLabel).ToArray();

    internal ModelManifest Manifest { get; }

    internal TextFeaturizer Featurizer { get; }

    internal TaskModel Category { get; }

    internal TaskModel Agency { get; }

    internal RegionAgencies Regions { get; }

    /// <summary>Joint decoding of the two tasks; null when off.</summary>
    internal CategoryAgencyCoupling? Coupling { get; }

    /// <summary>The retrieval member (blended into the linear probabilities); null when off.</summary>
    internal NearestNeighbours? Neighbours { get; }

    /// <summary>The top three categories and agencies for a report, with calibrated confidences in [0, 1].</summary>
    public RoutingSuggestion Suggest(string text, string? regionCode)
    {
        var ranked = Rank(text, regionCode, SuggestionCount);
        return new RoutingSuggestion(ranked.Categories, ranked.Agencies, Version);
    }

    RoutingSuggestion? IRoutingSuggester.Suggest(string text, string? regionCode) => Suggest(text, regionCode);

    /// <summary>Saves the model into <paramref name="directory"/> (created or replaced as a whole; see <see cref="ModelStore"/>).</summary>
    public void Save(string directory) => ModelStore.Save(this, directory);

    /// <summary>Loads a model saved with <see cref="Save"/>; throws <see cref="RoutingModelException"/> when it is missing or corrupt.</summary>
    public static RoutingModel Load(string directory) => ModelStore.Load(directory);

    /// <summary>
    /// The same model with the retrieval member blended in with <paramref name="k"/> neighbours and weight
    /// weights <paramref name="categoryWeight"/> and <paramref name="agencyWeight"/> (1: the neighbours' vote alone), with or without the coupling (for comparisons).
    /// </summary>
    internal RoutingModel WithNeighbours(int k, float categoryWeight, float agencyWeight, bool coupled) =>
        Neighbours is null
            ? throw new InvalidOperationException("the model has no retrieval member.")
            : new RoutingModel(
                Manifest with { NeighbourCount = k, CategoryNeighbourWeight = categoryWeight, AgencyNeighbourWeight = agencyWeight, CouplingStrength = coupled ? Manifest.CouplingStrength : 0f },
                Featurizer,
                Category,
                Agency,
                Regions,
                coupled ? Coupling : null,
                Neighbours);

    /// <summary>The top <paramref name="count"/> of each task, "(other)" and unresolvable labels left out.</summary>
    internal (IReadOnlyList<LabelScore> Categories, IReadOnlyList<LabelScore> Agencies) Rank(string text, string? region, int count)
    {
        var tokens = RoutingTrainer.Tokens(text, Options);
        var x = Featurizer.Featurize(tokens, region);
        var (category, agency) = Probabilities(x);
        return (Top(Category, category, count, null), Top(Agency, agency, count, region));
    }

    /// <summary>Calibrated probabilities over each task's classes (after the category–agency coupling).</summary>
    internal (float[] Category, float[] Agency) Probabilities(SparseVector x)
    {
        var category = new float[Category.Classes];
        var agency = new float[Agency.Classes];
        Category.Classifier.Probabilities(x, category);
        Agency.Classifier.Probabilities(x, agency);
        Neighbours?.Blend(x, Manifest.NeighbourCount, Manifest.CategoryNeighbourWeight, Manifest.AgencyNeighbourWeight, category, agency);
        Coupling?.Apply(category, agency);
        Smooth(category, Manifest.ConfidenceSmoothing);
        Smooth(agency, Manifest.ConfidenceSmoothing);
        return (category, agency);
    }

    /// <summary>p ← (1 − ε) · p + ε / K: no confidence of exactly 0 or 1 from a finite calibration sample.</summary>
    private static void Smooth(Span<float> probabilities, float epsilon)
    {
        if (epsilon <= 0f)
        {
            return;
        }

        var floor = epsilon / probabilities.Length;
        for (var i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = ((1f - epsilon) * probabilities[i]) + floor;
        }
    }

    private List<LabelScore> Top(TaskModel task, float[] probabilities, int count, string? region)
    {
        // Resolve labels to what the admin would pick: a region-relative family becomes the agency of the report's
        // own region, and adds up with that agency's own label when it has one; "(other)" and families that cannot
        // be resolved (no region) are left out.
        var mass = probabilities;
        string?[]? names = null;
        if (task == Agency && Regions.Templates.Count > 0)
        {
            mass = (float[])probabilities.Clone();
            names = new string?[mass.Length];
            var resolved = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var template in Regions.Templates)
            {
                if (!task.Index.TryGetValue(template.Label, out var c))
                {
                    continue;
                }

                var name = Regions.Resolve(template.Label, region);
                if (name is not null && task.Index.TryGetValue(name, out var direct) && direct != task.OtherIndex && !Regions.IsTemplate(name))
                {
                    mass[direct] += mass[c];
                    mass[c] = 0f;
                    name = null;
                }
                else if (name is not null && resolved.TryGetValue(name, out var same))
                {
                    // Two families naming the same agency here (a district and a subdistrict of one name).
                    mass[same] += mass[c];
                    name = null;
                }
                else if (name is not null)
                {
                    resolved[name] = c;
                }

                names[c] = name;
                if (name is null)
                {
                    mass[c] = float.NegativeInfinity;
                }
            }
        }

        var top = new List<LabelScore>(count + 1);
        for (var c = 0; c < mass.Length; c++)
        {
            if (c == task.OtherIndex || float.IsNegativeInfinity(mass[c]))
            {
                continue;
            }

            var p = mass[c];
            var label = names?[c] ?? task.Labels[c];
            if (top.Count == count && !Better(p, label, top[^1]))
            {
                continue;
            }

            var position = top.Count;
            while (position > 0 && Better(p, label, top[position - 1]))
            {
                position--;
            }

            top.Insert(position, new LabelScore(label, Math.Clamp(p, 0f, 1f)));
            if (top.Count > count)
            {
                top.RemoveAt(count);
            }
        }

        return top;
    }

    private static bool Better(float p, string name, LabelScore other) =>
        p > other.Confidence || (p == other.Confidence && string.CompareOrdinal(name, other.Label) < 0);

    /// <summary>Whether the model can suggest <paramref name="label"/> for a report from <paramref name="region"/> (else it is a rare or unseen label).</summary>
    internal bool CanSuggestCategory(string label) =>
        Category.Index.TryGetValue(label, out var c) && c != Category.OtherIndex;

    /// <inheritdoc cref="CanSuggestCategory"/>
    internal bool CanSuggestAgency(string label, string? region)
    {
        if (Agency.Index.TryGetValue(label, out var a) && a != Agency.OtherIndex && !Regions.IsTemplate(label))
        {
            return true;
        }

        return TryTemplateFor(label, region, out _);
    }

    private bool TryTemplateFor(string agency, string? region, [NotNullWhen(true)] out string? template)
    {
        template = Regions.ToLabel(agency, region);
        return !ReferenceEquals(template, agency) && template != agency && Agency.Index.ContainsKey(template);
    }
}
