namespace Lapor.Hub.Storage.Sqlite.Writer;

/// <summary>Tells a read-only command from one that may write, so writes go to the one writer.</summary>
internal static class SqliteStatements
{
    private static readonly string[] ReadOnlyStarts = ["SELECT", "VALUES", "EXPLAIN"];

    /// <summary>
    /// True when every statement in <paramref name="sql"/> starts with SELECT (or VALUES, EXPLAIN). Anything else,
    /// including WITH … INSERT, counts as a write: a read sent to the writer is merely slower, while a write
    /// sent to a read connection fails at once (those connections are <c>query_only</c>).
    /// </summary>
    public static bool IsReadOnly(string? sql)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            return true;
        }

        var sawStatement = false;
        var index = 0;
        while (true)
        {
            index = SkipSpaceAndComments(sql, index);
            if (index >= sql.Length)
            {
                return sawStatement;
            }

            if (sql[index] == ';')
            {
                index++;
                continue;
            }

            if (!ReadOnlyStarts.Any(start => StartsWithKeyword(sql, index, start)))
            {
                return false;
            }

            sawStatement = true;
            index = EndOfStatement(sql, index);
        }
    }

    /// <summary>A PRAGMA sets or reads the connection it runs on, so it never goes to the writer.</summary>
    public static bool IsPragma(string? sql) =>
        sql is not null && SkipSpaceAndComments(sql, 0) is var start && start < sql.Length && StartsWithKeyword(sql, start, "PRAGMA");

    private static bool StartsWithKeyword(string sql, int index, string keyword) =>
        string.Compare(sql, index, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
        && (index + keyword.Length == sql.Length || !char.IsLetterOrDigit(sql[index + keyword.Length]) && sql[index + keyword.Length] != '_');

    private static int SkipSpaceAndComments(string sql, int index)
    {
        while (index < sql.Length)
        {
            if (char.IsWhiteSpace(sql[index]))
            {
                index++;
            }
            else if (sql.AsSpan(index).StartsWith("--"))
            {
                var end = sql.IndexOf('\n', index);
                index = end < 0 ? sql.Length : end + 1;
            }
            else if (sql.AsSpan(index).StartsWith("/*"))
            {
                var end = sql.IndexOf("*/", index + 2, StringComparison.Ordinal);
                index = end < 0 ? sql.Length : end + 2;
            }
            else
            {
                break;
            }
        }

        return index;
    }

    // The index just past the statement's ';' (or the end), skipping quoted text, identifiers and comments.
    private static int EndOfStatement(string sql, int index)
    {
        while (index < sql.Length)
        {
            var c = sql[index];
            if (c is '\'' or '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                var end = sql.IndexOf(close, index + 1);
                index = end < 0 ? sql.Length : end + 1;
            }
            else if (sql.AsSpan(index).StartsWith("--") || sql.AsSpan(index).StartsWith("/*"))
            {
                index = SkipSpaceAndComments(sql, index);
            }
            else if (c == ';')
            {
                return index + 1;
            }
            else
            {
                index++;
            }
        }

        return index;
    }
}
