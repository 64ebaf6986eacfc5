using System.Text;

namespace Lapor.Hub.Reports;

/// <summary>
/// The one rule for free text from any entrance (API, chat, console): control characters other than newline and tab are
/// dropped, line breaks become '\n', and a lone UTF-16 surrogate becomes U+FFFD. PostgreSQL refuses a NUL in text
/// (22021) and SQLite's full-text search stops at one, so such text would be accepted and then never listed or found.
/// </summary>
public static class InputText
{
    public static string Clean(string value) => NeedsCleaning(value) ? Rebuild(value) : value;

    public static string? CleanOrNull(string? value) => value is null ? null : Clean(value);

    private static bool NeedsCleaning(string value)
    {
        foreach (var c in value)
        {
            if ((char.IsControl(c) && c is not ('\n' or '\t')) || char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string Rebuild(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                text.Append('\uFFFD');
            }
            else if (c == '\r')
            {
                text.Append('\n');
                if (i + 1 < value.Length && value[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c is '\n' or '\t' || !char.IsControl(c))
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
