using System.Globalization;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>Watermarks are decimal activity sequence numbers sent as strings; empty means "from the start".</summary>
internal static class Watermarks
{
    public const string Invalid = "The watermark must be a number returned by this server.";

    public static bool TryParse(string? value, out long? watermark)
    {
        watermark = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            watermark = parsed;
            return true;
        }

        return false;
    }
}
