using System.Globalization;

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

    public static RegionCatalog LoadFile(string path)
    {
        var regions = new List<Region>();
        var lineNumber = 0;
        var headerSeen = false;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!headerSeen)
            {
                headerSeen = true;
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 5
                || !double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                || !double.TryParse(fields[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'code,name,kind,lat,lon', got '{line}'.");
            }

            regions.Add(new Region(fields[0], fields[1], fields[2], lat, lon));
        }

        return new RegionCatalog(regions);
    }
}
