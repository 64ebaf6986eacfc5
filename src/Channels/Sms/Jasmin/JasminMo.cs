using System.Globalization;
using System.Text;
using Lapor.Hub.Channels.Citizens;

namespace Lapor.Hub.Channels.Sms.Jasmin;

/// <summary>
/// One SMS-MO as Jasmin's HTTP client connector posts it (id, from, to, origin-connector, priority, coding, validity,
/// content, binary): the text decoded per <c>coding</c> from the hexlified <c>binary</c> copy, since <c>content</c> carries
/// the raw bytes (UCS-2 is not UTF-8). Jasmin joins the parts of a long SMS-MO itself (SAR or UDH) before posting; a part
/// that still starts with a concatenation header (a class-2 message, which Jasmin passes on as it is) comes with <see cref="Part"/>.
/// </summary>
internal sealed record JasminMo(string Id, string FromDigits, string To, string? Text, ConcatenatedPart? Part)
{
    public const int MaxIdLength = 128;

    private static readonly Encoding Ucs2 = Encoding.BigEndianUnicode;

    /// <summary>The message, or null with the reason when the fields are not an SMS-MO from a phone number.</summary>
    public static JasminMo? Parse(IReadOnlyDictionary<string, string> fields, out string? problem)
    {
        problem = null;
        var id = fields.GetValueOrDefault("id");
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength)
        {
            problem = "no id";
            return null;
        }

        if (!PhoneNumber.TryNormalize(fields.GetValueOrDefault("from"), out var from))
        {
            problem = "from is not a phone number";
            return null;
        }

        var coding = 0;
        if (fields.TryGetValue("coding", out var codingText) && !int.TryParse(codingText, NumberStyles.None, CultureInfo.InvariantCulture, out coding))
        {
            problem = "coding is not a number";
            return null;
        }

        var content = fields.GetValueOrDefault("content");
        if (fields.GetValueOrDefault("binary") is { Length: > 0 } hex)
        {
            if (!TryFromHex(hex, out var bytes))
            {
                problem = "binary is not hexadecimal";
                return null;
            }

            var part = ConcatenatedPart.Read(bytes, out var payload);
            return new JasminMo(id, from, fields.GetValueOrDefault("to") ?? "", Decode(payload, coding, content), part);
        }

        if (content is null)
        {
            problem = "neither content nor binary";
            return null;
        }

        return new JasminMo(id, from, fields.GetValueOrDefault("to") ?? "", IsBinaryCoding(coding) ? null : content, null);
    }

    /// <summary>Text for the codings a phone writes in; null for binary data (a ringtone, an OTA setting), which is not a message.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, int coding, string? content) => coding switch
    {
        // The SMSC default alphabet, unpacked; a byte above 0x7F means the SMSC sent Latin-1 instead, as some do.
        0 => bytes.ContainsAnyInRange((byte)0x80, (byte)0xFF) ? Encoding.Latin1.GetString(bytes) : Gsm0338.Decode(bytes),
        1 => Encoding.ASCII.GetString(bytes),
        3 => Encoding.Latin1.GetString(bytes),
        8 => Ucs2.GetString(bytes[..(bytes.Length & ~1)]),
        _ when IsBinaryCoding(coding) => null,
        _ => content ?? Encoding.Latin1.GetString(bytes),
    };

    private static bool IsBinaryCoding(int coding) => coding is 2 or 4;

    private static bool TryFromHex(string hex, out byte[] bytes)
    {
        bytes = [];
        if (hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        bytes = Convert.FromHexString(hex);
        return true;
    }
}

/// <summary>Part <see cref="Sequence"/> of <see cref="Total"/> of a long SMS, as its user data header says (8- or 16-bit reference).</summary>
internal sealed record ConcatenatedPart(int Reference, int Total, int Sequence)
{
    /// <summary>The part its header describes, with <paramref name="payload"/> the bytes after the header; null (and all bytes) when there is none.</summary>
    public static ConcatenatedPart? Read(byte[] bytes, out byte[] payload)
    {
        payload = bytes;
        ConcatenatedPart? part = bytes switch
        {
            [0x05, 0x00, 0x03, var reference, var total, var sequence, ..] => new ConcatenatedPart(reference, total, sequence),
            [0x06, 0x08, 0x04, var high, var low, var total, var sequence, ..] => new ConcatenatedPart(high << 8 | low, total, sequence),
            _ => null,
        };
        if (part is null || part.Total == 0 || part.Sequence == 0 || part.Sequence > part.Total)
        {
            return null;
        }

        payload = bytes[(bytes[0] + 1)..];
        return part;
    }
}
