namespace Lapor.Hub.Channels.Sms.Text;

public enum SmsEncoding
{
    /// <summary>The GSM 03.38 default alphabet: 7 bits a character, extension-table characters take two.</summary>
    Gsm7,

    /// <summary>Anything else: UTF-16 code units, so a character outside the BMP (most emoji) takes two.</summary>
    Ucs2,
}

/// <summary>How a text travels as SMS: its encoding, its length in that encoding's units, and how many parts it takes.</summary>
public readonly record struct SmsSegmentation(SmsEncoding Encoding, int Units, int Segments);

/// <summary>
/// Counts SMS parts the way handsets and gateways do: one part holds 160 GSM-7 septets or 70 UCS-2 code units; a longer text
/// is concatenated, and the header leaves 153 and 67 per part. A character is never split across two parts (an extension
/// character's escape stays with it, a surrogate pair stays whole), so a part may hold one unit less than the budget.
/// An empty text is no message: 0 parts.
/// </summary>
public static class SmsSegments
{
    public const int Gsm7Single = 160;
    public const int Gsm7Part = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2Part = 67;

    public static int Count(string text) => Measure(text).Segments;

    public static SmsSegmentation Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var gsm7 = Gsm7Alphabet.IsEncodable(text);
        var (single, perPart) = gsm7 ? (Gsm7Single, Gsm7Part) : (Ucs2Single, Ucs2Part);
        var units = 0;
        var parts = text.Length == 0 ? 0 : 1;
        var inPart = 0;
        for (var i = 0; i < text.Length;)
        {
            var (characterUnits, characterLength) = gsm7 ? (Gsm7Alphabet.Septets(text[i]), 1) : Ucs2Character(text, i);
            units += characterUnits;
            if (inPart + characterUnits > perPart)
            {
                parts++;
                inPart = 0;
            }

            inPart += characterUnits;
            i += characterLength;
        }

        return new SmsSegmentation(gsm7 ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2, units, units <= single ? Math.Min(parts, 1) : parts);
    }

    /// <summary>A surrogate pair is one character of two code units; anything else (a lone surrogate too) one of one.</summary>
    private static (int Units, int Length) Ucs2Character(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? (2, 2) : (1, 1);
}
