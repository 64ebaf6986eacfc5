using Lapor.Hub.Data;

namespace Lapor.Hub.Agencies;

/// <summary>Reads the seed list of agencies (code,name,level,time_zone,region_code).</summary>
public static class AgencyCatalog
{
    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "data", "agencies.csv");

    public static IReadOnlyList<AgencyProfile> LoadFile(string path) =>
        CsvReader.ReadTable(path, allowComments: true).Select(record => Parse(path, record.Line, record.Row)).ToArray();

    private static AgencyProfile Parse(string path, int line, IReadOnlyDictionary<string, string> row)
    {
        var code = row["code"];
        if (!AgencyProfile.IsValidCode(code) || !Enum.TryParse<AgencyLevel>(row["level"], out var level) || row["name"].Length == 0)
        {
            throw new CsvFormatException(path, line,
                $"agency '{code}' needs an upper-case code, a name and a level of {string.Join("/", Enum.GetNames<AgencyLevel>())}.");
        }

        return new AgencyProfile(code, row["name"], level, row["time_zone"], row["region_code"] is { Length: > 0 } region ? region : null);
    }
}
