using System.Diagnostics.CodeAnalysis;

namespace Lapor.Hub.Channels.Citizens;

/// <summary>
/// A phone number as the hub keys it: E.164 digits without the plus ("6281234567890"), the form SMS and WhatsApp
/// addresses carry, so that the same phone on both channels is the same citizen. Indonesian national forms
/// ("081234567890", "+62 812-3456-7890", "whatsapp:+6281234567890") are brought to it.
/// </summary>
public static class PhoneNumber
{
    private const string IndonesiaCountryCode = "62";
    private const int MinDigits = 8;
    private const int MaxDigits = 15; // E.164

    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? digits)
    {
        digits = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim();
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            value = value[(colon + 1)..]; // "whatsapp:+62…", "tel:+62…"
        }

        var international = value.StartsWith('+') || value.StartsWith("00", StringComparison.Ordinal);
        var kept = new string(value.Where(char.IsAsciiDigit).ToArray());
        if (kept.Length == 0 || value.Any(c => !char.IsAsciiDigit(c) && c is not ('+' or ' ' or '-' or '(' or ')' or '.')))
        {
            return false;
        }

        if (value.StartsWith("00", StringComparison.Ordinal))
        {
            kept = kept[2..];
        }
        else if (!international && kept.StartsWith('0'))
        {
            kept = IndonesiaCountryCode + kept[1..]; // a national number: 0812… is +62 812…
        }

        if (kept.Length is < MinDigits or > MaxDigits || kept.StartsWith('0'))
        {
            return false;
        }

        digits = kept;
        return true;
    }

    /// <summary>"+6281234567890": the form providers take in To and From fields.</summary>
    public static string ToE164(string digits) => "+" + digits;
}
