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

    public static RegionCatalog LoadFile(string path) => new(CsvReader.ReadTable(path, allowComments: true).Select(record =>
        double.TryParse(record.Row["lat"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
        && double.TryParse(record.Row["lon"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            ? new Region(record.Row["code"], record.Row["name"].Trim(), record.Row["kind"], lat, lon)
            : throw new CsvFormatException(path, record.Line, "lat and lon must be decimal numbers.")));
}
