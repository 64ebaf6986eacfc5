using System.Globalization;
using System.Text;

namespace Lapor.Hub.Channels.Sms.Text;

/// <summary>
/// Keeps Indonesian text in GSM-7 (160 characters a part instead of 70) by replacing the typographic characters that slip
/// in (curly quotes, dashes, ellipsis, bullets, odd spaces, accents) with their plain look-alikes. Only when that makes the
/// whole text GSM-7: a text that genuinely needs UCS-2 (emoji, Arabic or Javanese script) is left as written (only its
/// "\r\n" line ends become "\n" either way).
/// </summary>
public static class Gsm7Transliteration
{
    private static readonly Dictionary<char, string> Replacements = new()
    {
        ['\u2018'] = "'", ['\u2019'] = "'", ['\u201A'] = "'", ['\u201B'] = "'", ['\u2032'] = "'", ['\u00B4'] = "'", ['`'] = "'",
        ['\u201C'] = "\"", ['\u201D'] = "\"", ['\u201E'] = "\"", ['\u201F'] = "\"", ['\u2033'] = "\"", ['\u00AB'] = "\"", ['\u00BB'] = "\"",
        ['\u2010'] = "-", ['\u2011'] = "-", ['\u2012'] = "-", ['\u2013'] = "-", ['\u2014'] = "-", ['\u2015'] = "-", ['\u2212'] = "-",
        ['\u2026'] = "...",
        ['\u2022'] = "-", ['\u00B7'] = "-", ['\u2023'] = "-", ['\u25E6'] = "-", ['\u25AA'] = "-", ['\u25CF'] = "-", ['\u2043'] = "-",
        ['\u00A0'] = " ", ['\u202F'] = " ", ['\u2007'] = " ", ['\u2009'] = " ", ['\u200A'] = " ", ['\u2002'] = " ", ['\u2003'] = " ",
        ['\t'] = " ",
        ['\u200B'] = "", ['\u00AD'] = "", ['\uFEFF'] = "",
        ['\u00D7'] = "x", ['\u00B0'] = "o", ['\u2122'] = "TM", ['\u00A9'] = "(c)", ['\u00AE'] = "(R)",
        ['\u00B2'] = "2", ['\u00B3'] = "3", ['\u00B9'] = "1", ['\u00BD'] = "1/2", ['\u00BC'] = "1/4",
        ['\u2190'] = "<-", ['\u2192'] = "->", ['\u00E7'] = "c",
    };

    /// <summary>The text in GSM-7 if a look-alike exists for every character outside it; otherwise the text unchanged.</summary>
    public static string ToGsm7WherePossible(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Gsm7Alphabet.IsEncodable(text))
        {
            return text;
        }

        var plain = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Gsm7Alphabet.IsEncodable(c))
            {
                plain.Append(c);
            }
            else if (LookAlike(c) is { } replacement)
            {
                plain.Append(replacement);
            }
            else
            {
                return text;
            }
        }

        return plain.ToString();
    }

    private static string? LookAlike(char c) => Replacements.TryGetValue(c, out var replacement) ? replacement : WithoutAccent(c);

    /// <summary>"á" → "a", "Ê" → "E": the letter without its marks, if that letter is GSM-7.</summary>
    private static string? WithoutAccent(char c)
    {
        if (!char.IsLetter(c))
        {
            return null;
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var letter = decomposed[0];
        var onlyMarks = decomposed.Skip(1).All(mark => CharUnicodeInfo.GetUnicodeCategory(mark) == UnicodeCategory.NonSpacingMark);
        return decomposed.Length > 1 && onlyMarks && Gsm7Alphabet.IsBasic(letter) ? letter.ToString() : null;
    }
}
