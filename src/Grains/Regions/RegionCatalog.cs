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

    private RegionCatalog(IEnumerable<Region> regions) => _byCode = regions.ToDictionary(r => r.Code, StringComparer.Ordinal);

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
        var haystack = $" {Normalize(text)} ";
        var prefersRegency = haystack.Contains(" kab ") || haystack.Contains(" kabupaten ");
        return _byCode.Values
            .Select(region => (region, name: Normalize(ShortName(region.Name))))
            .Where(candidate => candidate.name.Length > 2 && haystack.Contains($" {candidate.name} "))
            .OrderByDescending(candidate => candidate.name.Length)
            .ThenBy(candidate => candidate.region.IsProvince)
            .ThenBy(candidate => candidate.region.Kind == "Kota" == prefersRegency)
            .Select(candidate => candidate.region)
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
