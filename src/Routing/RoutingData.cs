using System.Globalization;
using System.Text;
using Lapor.Hub.Data;

namespace Lapor.Hub.Routing;

/// <summary>One input row of a CSV to predict: its 1-based data row number, the line it starts on, its text and region.</summary>
public sealed record RoutingInput(int Row, int Line, string Text, string? RegionCode);

/// <summary>
/// Reads labelled reports from CSV (RFC 4180, quoted multi-line fields, header row) through <see cref="CsvReader"/>.
/// Every problem is a <see cref="CsvFormatException"/> naming the file and the line: an empty file, a missing
/// column (with the header's columns listed), broken quoting, a row of the wrong width, an empty text or label,
/// an unreadable date.
/// </summary>
public static class RoutingData
{
    /// <summary>
    /// Labelled examples from a CSV file. <paramref name="regionColumn"/> may join several columns with '+'
    /// ("district+subdistrict" → "Tegalsari/Dr. Soetomo"). Dates without an offset are taken as UTC.
    /// An empty category or agency leaves that task's label empty (<see cref="RoutingExample.HasCategory"/>): the row
    /// trains the other task only. With <paramref name="emptyLabel"/> the empty label becomes a class of its own.
    /// </summary>
    public static IReadOnlyList<RoutingExample> ReadCsv(
        string path,
        string textColumn,
        string categoryColumn,
        string agencyColumn,
        string? regionColumn = null,
        string? dateColumn = null,
        string? emptyLabel = null)
    {
        var examples = new List<RoutingExample>();
        foreach (var (line, row) in ReadRows(path, [textColumn, categoryColumn, agencyColumn], regionColumn, dateColumn))
        {
            var text = Required(path, line, row, textColumn, "text", null);
            var category = Label(row, categoryColumn, emptyLabel);
            var agency = Label(row, agencyColumn, emptyLabel);
            DateTimeOffset? at = null;
            if (dateColumn is not null)
            {
                var value = row[dateColumn].Trim();
                if (value.Length == 0)
                {
                    throw new CsvFormatException(path, line, $"the date column \"{dateColumn}\" is empty.");
                }

                if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    throw new CsvFormatException(path, line, $"the date column \"{dateColumn}\" has \"{value}\", which is not a date (use e.g. 2022-01-21 09:36 or ISO 8601).");
                }

                at = parsed;
            }

            examples.Add(new RoutingExample(text, category, agency, Region(row, regionColumn), at));
        }

        if (examples.Count == 0)
        {
            throw new CsvFormatException(path, 2, "the file has a header but no data rows.");
        }

        return examples;
    }

    /// <summary>The project's seed set: columns text, category, agency, region_code ('#' comment lines allowed).</summary>
    public static IReadOnlyList<RoutingExample> ReadSeed(string path)
    {
        var examples = new List<RoutingExample>();
        foreach (var (line, row) in ReadRows(path, ["text", "category", "agency"], "region_code", null, allowComments: true))
        {
            examples.Add(new RoutingExample(
                Required(path, line, row, "text", "text", null),
                Required(path, line, row, "category", "category", null),
                Required(path, line, row, "agency", "agency", null),
                Region(row, "region_code")));
        }

        if (examples.Count == 0)
        {
            throw new CsvFormatException(path, 2, "the seed file has a header but no examples.");
        }

        return examples;
    }

    /// <summary>Rows to predict: the text (required, may be empty) and the region when a column is named.</summary>
    public static IReadOnlyList<RoutingInput> ReadInputs(string path, string textColumn, string? regionColumn = null)
    {
        var inputs = new List<RoutingInput>();
        foreach (var (line, row) in ReadRows(path, [textColumn], regionColumn, null))
        {
            inputs.Add(new RoutingInput(inputs.Count + 1, line, row[textColumn], Region(row, regionColumn)));
        }

        return inputs;
    }

    private static string Required(string path, int line, IReadOnlyDictionary<string, string> row, string column, string what, string? emptyLabel)
    {
        var value = row[column].Trim();
        if (value.Length > 0)
        {
            return value;
        }

        return emptyLabel ?? throw new CsvFormatException(path, line, $"the {what} column \"{column}\" is empty.");
    }

    private static string Label(IReadOnlyDictionary<string, string> row, string column, string? emptyLabel)
    {
        var value = row[column].Trim();
        return value.Length > 0 ? value : emptyLabel ?? "";
    }

    private static string? Region(IReadOnlyDictionary<string, string> row, string? regionColumn)
    {
        if (regionColumn is null)
        {
            return null;
        }

        var parts = RegionColumns(regionColumn, row.Keys)
            .Select(c => row[c].Trim())
            .Where(v => v.Length > 0)
            .ToArray();
        return parts.Length == 0 ? null : string.Join('/', parts);
    }

    private static IEnumerable<string> RegionColumns(string regionColumn, IEnumerable<string> header)
    {
        var names = new HashSet<string>(header, StringComparer.OrdinalIgnoreCase);
        return names.Contains(regionColumn) ? [regionColumn] : regionColumn.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Header-checked rows: every named column must exist (the error lists the header), every row must have the header's width.</summary>
    private static IEnumerable<(int Line, IReadOnlyDictionary<string, string> Row)> ReadRows(
        string path, string[] columns, string? regionColumn, string? dateColumn, bool allowComments = false)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: the file does not exist.", path);
        }

        return CsvReader.ReadTable(path, allowComments: allowComments, requiredColumns: header => columns
            .Concat(regionColumn is null ? [] : RegionColumns(regionColumn, header))
            .Concat(dateColumn is null ? [] : [dateColumn]));
    }
}
