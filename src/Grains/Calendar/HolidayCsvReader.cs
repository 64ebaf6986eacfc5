using System.Globalization;

namespace Lapor.Hub.Calendar;

/// <summary>
/// Reads holiday data lines <c>date,kind,name</c> (e.g. <c>2026-03-21,national_holiday,Hari Idul Fitri</c>).
/// Blank lines, '#' comments and the header line are skipped. Names may contain commas; quoting is not supported.
/// </summary>
internal static class HolidayCsvReader
{
    private const string Header = "date,kind,name";

    public static List<Holiday> ReadFile(string path)
    {
        using var reader = File.OpenText(path);
        return Read(reader, path);
    }

    public static List<Holiday> Read(TextReader csv, string sourceName)
    {
        var holidays = new List<Holiday>();
        var lineNumber = 0;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            var content = line.Trim();
            if (content.Length == 0 || content.StartsWith('#') || content.Equals(Header, StringComparison.OrdinalIgnoreCase))
                continue;
            holidays.Add(ParseLine(content, sourceName, lineNumber));
        }
        return holidays;
    }

    private static Holiday ParseLine(string line, string sourceName, int lineNumber)
    {
        var fields = line.Split(',', 3, StringSplitOptions.TrimEntries);
        if (fields.Length < 3 || fields[2].Length == 0)
            throw Malformed("expected 'date,kind,name'");
        if (!DateOnly.TryParseExact(fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw Malformed($"'{fields[0]}' is not a yyyy-MM-dd date");
        var kind = fields[1] switch
        {
            "national_holiday" => HolidayKind.NationalHoliday,
            "special_holiday" => HolidayKind.SpecialHoliday,
            "collective_leave" => HolidayKind.CollectiveLeave,
            _ => throw Malformed($"unknown kind '{fields[1]}' (expected national_holiday, special_holiday or collective_leave)"),
        };
        return new Holiday(date, kind, fields[2]);

        InvalidDataException Malformed(string problem) =>
            new($"{sourceName}, line {lineNumber}: {problem}: \"{line}\"");
    }
}
