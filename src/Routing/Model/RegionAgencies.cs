using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lapor.Hub.Routing.Model;

/// <summary>Region paths: "Tegalsari/Dr. Soetomo" (names separated by '/') or "35.78.01.1001" (a dotted code).</summary>
internal static partial class RegionPath
{
    public static string[] Segments(string? region)
    {
        if (string.IsNullOrWhiteSpace(region))
        {
            return [];
        }

        if (region.Contains('/'))
        {
            return region.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return DottedCode().IsMatch(region)
            ? region.Trim().Split('.', StringSplitOptions.RemoveEmptyEntries)
            : [region.Trim()];
    }

    /// <summary>A comparison key for names: lower case, letters and digits only, words separated by one space.</summary>
    public static string Key(string name)
    {
        var builder = new StringBuilder(name.Length);
        var space = false;
        foreach (var c in name.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"^\s*\d+(\.\d+)*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedCode();
}

/// <summary>
/// Agencies named after the report's own region: "Kelurahan Ujung" for a report from .../Ujung, "Kecamatan
/// Semampir" for a report from Semampir/.... Each such family is learned as one label, "Kelurahan {region:1}",
/// from all its members together (most single kelurahan have too few reports to be learned on their own), and
/// resolved back to the concrete agency with the region of the report being routed.
/// </summary>
internal sealed class RegionAgencies
{
    public const int MinDistinctRegions = 3;

    private readonly Dictionary<string, Template> _templates;
    private readonly Dictionary<string, string> _names;

    public RegionAgencies(IEnumerable<Template> templates, IReadOnlyDictionary<string, string> canonicalNames)
    {
        _templates = templates.ToDictionary(t => t.Label, StringComparer.Ordinal);
        _names = new Dictionary<string, string>(canonicalNames, StringComparer.Ordinal);
    }

    public static RegionAgencies None { get; } = new([], new Dictionary<string, string>());

    /// <summary>A family: the agency name's leading words (e.g. "Kelurahan") and the region segment it names.</summary>
    public sealed record Template(string Label, string Prefix, int Segment, int Count);

    public IReadOnlyCollection<Template> Templates => _templates.Values;

    /// <summary>Agency key (<see cref="Compact"/>) → the agency's name as most often written in training.</summary>
    public IReadOnlyDictionary<string, string> CanonicalNames => _names;

    public bool IsTemplate(string label) => _templates.ContainsKey(label);

    /// <summary>Finds the families in training data: at least <paramref name="minExamples"/> reports over at least three regions.</summary>
    public static RegionAgencies Discover(IEnumerable<(string Agency, string? Region)> examples, int minExamples)
    {
        var counts = new Dictionary<(string PrefixKey, int Segment), (int Count, HashSet<string> Values, Dictionary<string, int> Prefixes)>();
        var spellings = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (agency, region) in examples)
        {
            var key = Compact(agency);
            if (!spellings.TryGetValue(key, out var forms))
            {
                spellings[key] = forms = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            forms[agency] = forms.GetValueOrDefault(agency) + 1;
            foreach (var (prefix, segment, value) in Matches(agency, region))
            {
                var id = (RegionPath.Key(prefix), segment);
                if (!counts.TryGetValue(id, out var entry))
                {
                    entry = (0, new HashSet<string>(StringComparer.Ordinal), new Dictionary<string, int>(StringComparer.Ordinal));
                }

                entry.Values.Add(value);
                entry.Prefixes[prefix] = entry.Prefixes.GetValueOrDefault(prefix) + 1;
                counts[id] = (entry.Count + 1, entry.Values, entry.Prefixes);
            }
        }

        var templates = counts
            .Where(p => p.Value.Count >= Math.Max(1, minExamples) && p.Value.Values.Count >= MinDistinctRegions)
            .Select(p =>
            {
                var prefix = p.Value.Prefixes.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key;
                return new Template(string.Create(CultureInfo.InvariantCulture, $"{prefix} {{region:{p.Key.Segment}}}"), prefix, p.Key.Segment, p.Value.Count);
            })
            .ToList();
        var names = spellings.ToDictionary(
            p => p.Key,
            p => p.Value.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key,
            StringComparer.Ordinal);
        return new RegionAgencies(templates, names);
    }

    /// <summary>The label an agency is learned as: its family's template when it names the report's region, else itself.</summary>
    public string ToLabel(string agency, string? region)
    {
        if (_templates.Count == 0)
        {
            return agency;
        }

        Template? best = null;
        foreach (var (prefix, segment, _) in Matches(agency, region))
        {
            var prefixKey = RegionPath.Key(prefix);
            foreach (var template in _templates.Values)
            {
                if (template.Segment == segment && RegionPath.Key(template.Prefix) == prefixKey
                    && (best is null || template.Count > best.Count))
                {
                    best = template;
                }
            }
        }

        return best?.Label ?? agency;
    }

    /// <summary>The concrete agency a label stands for in a region; null when a template cannot be resolved (no region).</summary>
    public string? Resolve(string label, string? region)
    {
        if (!_templates.TryGetValue(label, out var template))
        {
            return label;
        }

        var segments = RegionPath.Segments(region);
        if (template.Segment >= segments.Length)
        {
            return null;
        }

        var name = template.Prefix + " " + segments[template.Segment];
        return _names.TryGetValue(Compact(name), out var canonical) ? canonical : name;
    }

    /// <summary>
    /// Each way an agency name ends with one of the region's segments: (leading words, segment index, segment key).
    /// Spaces do not count ("Kelurahan Pacar Kembang" names the region "Pacarkembang").
    /// </summary>
    private static IEnumerable<(string Prefix, int Segment, string Value)> Matches(string agency, string? region)
    {
        var segments = RegionPath.Segments(region);
        if (segments.Length == 0)
        {
            yield break;
        }

        var words = agency.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var s = 0; s < segments.Length; s++)
        {
            var segmentKey = Compact(segments[s]);
            if (segmentKey.Length == 0)
            {
                continue;
            }

            for (var tail = 1; tail < words.Length; tail++)
            {
                if (Compact(string.Join(' ', words[^tail..])) == segmentKey)
                {
                    yield return (string.Join(' ', words[..^tail]), s, segmentKey);
                    break;
                }
            }
        }
    }

    /// <summary>A name's key without spaces: "Pacar Kembang" and "Pacarkembang" are the same place.</summary>
    internal static string Compact(string name) => RegionPath.Key(name).Replace(" ", "", StringComparison.Ordinal);
}
