using System.Text;

namespace Lapor.Hub.Channels.Sms.Jasmin;

/// <summary>
/// The GSM 03.38 default alphabet and its extension table, unpacked (one septet per byte), as SMPP carries data_coding 0:
/// what a gateway hands over for an SMS-MO in the default alphabet, and what decides whether a reply can go as coding 0.
/// </summary>
internal static class Gsm0338
{
    private const byte Escape = 0x1B;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static readonly Dictionary<byte, char> Extension = new()
    {
        [0x0A] = '\f', [0x14] = '^', [0x28] = '{', [0x29] = '}', [0x2F] = '\\',
        [0x3C] = '[', [0x3D] = '~', [0x3E] = ']', [0x40] = '|', [0x65] = '€',
    };

    private static readonly HashSet<char> Encodable = [.. Basic.Where(c => c != '\u001B'), .. Extension.Values];

    /// <summary>Whether every character of <paramref name="text"/> is in the default alphabet or its extension table.</summary>
    public static bool CanEncode(string text) => text.All(Encodable.Contains);

    /// <summary>Septets (one a byte) as text; a byte outside the alphabet becomes '?', an unknown escape a space (as 03.38 asks).</summary>
    public static string Decode(ReadOnlySpan<byte> septets)
    {
        var text = new StringBuilder(septets.Length);
        for (var i = 0; i < septets.Length; i++)
        {
            var septet = septets[i];
            if (septet == Escape && i + 1 < septets.Length)
            {
                text.Append(Extension.TryGetValue(septets[++i], out var extended) ? extended : ' ');
            }
            else if (septet < Basic.Length && septet != Escape)
            {
                text.Append(Basic[septet]);
            }
            else
            {
                text.Append('?');
            }
        }

        return text.ToString();
    }
}
