using System.Text;

namespace Lapor.Hub.Data;

/// <summary>A malformed CSV file: the message names the source and the line where the problem starts.</summary>
public sealed class CsvFormatException(string source, int line, string problem)
    : FormatException($"{source}, line {line}: {problem}")
{
    public string File { get; } = source;

    public int Line { get; } = line;
}

/// <summary>One CSV record and the line it starts on (1-based; a quoted field may span several lines).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// RFC 4180 CSV: comma- (or other) separated, fields optionally in double quotes, "" for a quote inside
/// quotes, line breaks allowed inside quoted fields. Lines starting with '#' outside a record are comments
/// when <c>allowComments</c> is set; blank lines are skipped.
/// </summary>
public static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(TextReader reader, string source, char separator = ',', bool allowComments = false)
    {
        var line = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (text.Length == 0 || (allowComments && text.StartsWith('#')))
            {
                continue;
            }

            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var position = 0;
            while (true)
            {
                if (position == text.Length)
                {
                    if (!quoted)
                    {
                        fields.Add(field.ToString());
                        break;
                    }

                    // A line break inside a quoted field belongs to the field.
                    text = reader.ReadLine() ?? throw new CsvFormatException(source, start, "a quoted field is never closed.");
                    line++;
                    field.Append('\n');
                    position = 0;
                    continue;
                }

                var c = text[position++];
                if (quoted)
                {
                    if (c != '"')
                    {
                        field.Append(c);
                    }
                    else if (position < text.Length && text[position] == '"')
                    {
                        field.Append('"');
                        position++;
                    }
                    else if (position < text.Length && text[position] != separator)
                    {
                        throw new CsvFormatException(source, line, $"unexpected '{text[position]}' after a closing quote.");
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (c == separator)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else if (c == '"')
                {
                    throw new CsvFormatException(source, line, "a quote inside an unquoted field (quote the whole field and double the quote).");
                }
                else
                {
                    field.Append(c);
                }
            }

            yield return new CsvRecord(start, fields);
        }
    }

    /// <summary>
    /// Reads a file with a header row; each record comes back as a column-name → value map, checked for width.
    /// <paramref name="requiredColumns"/> names, from the header, the columns that must be there: a missing one
    /// is reported with the whole header, so a typo in a column name is easy to see.
    /// </summary>
    public static IEnumerable<(int Line, IReadOnlyDictionary<string, string> Row)> ReadTable(
        string path, char separator = ',', bool allowComments = false, Func<string[], IEnumerable<string>>? requiredColumns = null)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string[]? header = null;
        foreach (var record in Read(reader, path, separator, allowComments))
        {
            if (header is null)
            {
                header = record.Fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToArray();
                var missing = (requiredColumns?.Invoke(header) ?? [])
                    .Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
                if (missing.Length > 0)
                {
                    var names = string.Join(", ", missing.Select(m => $"\"{m}\""));
                    throw new CsvFormatException(path, record.Line, $"no column {names} in the header (the header has: {string.Join(", ", header)}).");
                }

                continue;
            }

            if (record.Fields.Count != header.Length)
            {
                throw new CsvFormatException(path, record.Line, $"expected {header.Length} fields ({string.Join(",", header)}), found {record.Fields.Count}.");
            }

            var row = new Dictionary<string, string>(header.Length, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = record.Fields[i];
            }

            yield return (record.Line, row);
        }

        if (header is null)
        {
            throw new CsvFormatException(path, 1, "the file is empty: no header row.");
        }
    }
}
