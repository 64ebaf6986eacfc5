using System.Globalization;
using Lapor.Hub.Data;

namespace Lapor.Hub.Regions;

public sealed record Region(string Code, string Name, string Kind, double Latitude, double Longitude)
{
    public bool IsProvince => !Code.Contains('.');

    public string ProvinceCode => IsProvince ? Code : Code[..Code.IndexOf('.')];
}

/// <summary>Indonesia's provinces and regencies/cities by Kemendagri code (e.g. "35", "35.78").</summary>
public sealed class RegionCatalog
{
    private readonly Dictionary<string, Region> _byCode;

    // Every region by its normalized short name ("surabaya", "tanjung jabung barat"), for FindIn; built once, as a
    // chat's every free-text answer is searched.
    private readonly Dictionary<string, (Region Region, int Order)[]> _byName;
    private readonly int _longestNameWords;

    private RegionCatalog(IEnumerable<Region> regions)
    {
        _byCode = regions.ToDictionary(r => r.Code, StringComparer.Ordinal);
        _byName = _byCode.Values
            .Select((region, order) => (region, order, name: Normalize(ShortName(region.Name))))
            .Where(candidate => candidate.name.Length > 2)
            .GroupBy(candidate => candidate.name, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(candidate => (candidate.region, candidate.order)).ToArray(), StringComparer.Ordinal);
        _longestNameWords = _byName.Keys.Select(name => name.Count(c => c == ' ') + 1).DefaultIfEmpty(0).Max();
    }

    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "data", "regions.csv");

    public IReadOnlyCollection<Region> All => _byCode.Values;

    public bool Contains(string code) => _byCode.ContainsKey(code);

    public Region? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>
    /// The regency/city (or else province) a typed place names, e.g. "jl. pemuda, surabaya" → 35.78 Kota Surabaya.
    /// The longest name found wins; "kab"/"kabupaten" in the text prefers the regency where a city shares the name.
    /// </summary>
    public Region? FindIn(string text)
    {
        var words = Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var prefersRegency = words.Contains("kab") || words.Contains("kabupaten");
        var found = new List<(Region Region, int Order, int NameLength)>();
        for (var start = 0; start < words.Length; start++)
        {
            for (var count = 1; count <= _longestNameWords && start + count <= words.Length; count++)
            {
                var name = string.Join(' ', words, start, count);
                if (_byName.TryGetValue(name, out var named))
                {
                    found.AddRange(named.Select(candidate => (candidate.Region, candidate.Order, name.Length)));
                }
            }
        }

        return found
            .OrderByDescending(candidate => candidate.NameLength)
            .ThenBy(candidate => candidate.Region.IsProvince)
            .ThenBy(candidate => candidate.Region.Kind == "Kota" == prefersRegency)
            .ThenBy(candidate => candidate.Order)
            .Select(candidate => candidate.Region)
            .FirstOrDefault();
    }

    private static string ShortName(string name)
    {
        foreach (var prefix in new[] { "Kota Administrasi ", "Kabupaten Administrasi ", "Kabupaten ", "Kota ", "Daerah Khusus Ibukota ", "Daerah Istimewa " })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }

    private static string Normalize(string text) =>
        string.Join(' ', new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static RegionCatalog LoadFile(string path) => new(CsvReader.ReadTable(path, allowComments: true).Select(record =>
        double.TryParse(record.Row["lat"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
        && double.TryParse(record.Row["lon"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            ? new Region(record.Row["code"], record.Row["name"].Trim(), record.Row["kind"], lat, lon)
            : throw new CsvFormatException(path, record.Line, "lat and lon must be decimal numbers.")));
}
