namespace Lapor.Hub.Agencies;

/// <summary>Reads the seed list of agencies (code,name,level,time_zone,region_code).</summary>
public static class AgencyCatalog
{
    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "data", "agencies.csv");

    public static IReadOnlyList<AgencyProfile> LoadFile(string path)
    {
        var agencies = new List<AgencyProfile>();
        var lineNumber = 0;
        var headerSeen = false;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            if (!headerSeen)
            {
                headerSeen = true;
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 5 || !AgencyProfile.IsValidCode(fields[0]) || !Enum.TryParse<AgencyLevel>(fields[2], out var level))
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'code,name,level,time_zone,region_code' with an upper-case code and a level of {string.Join("/", Enum.GetNames<AgencyLevel>())}, got '{line}'.");
            }

            agencies.Add(new AgencyProfile(fields[0], fields[1], level, fields[3], fields[4].Length == 0 ? null : fields[4]));
        }

        return agencies;
    }
}
