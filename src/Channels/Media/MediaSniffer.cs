namespace Lapor.Hub.Channels.Media;

/// <summary>Recognises a file's real type from its first bytes ("magic numbers"); the declared type is never trusted.</summary>
public static class MediaSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
    public const int HeaderLength = 16;

    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] RiffMagic = "RIFF"u8.ToArray();
    private static readonly byte[] WebpMagic = "WEBP"u8.ToArray();
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    /// <summary>The content type the header shows, or null for anything not recognised.</summary>
    public static string? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith(JpegMagic))
        {
            return MediaTypes.Jpeg;
        }

        if (header.StartsWith(PngMagic))
        {
            return MediaTypes.Png;
        }

        if (header.Length >= 12 && header.StartsWith(RiffMagic) && header[8..12].SequenceEqual(WebpMagic))
        {
            return MediaTypes.Webp;
        }

        return header.StartsWith(PdfMagic) ? MediaTypes.Pdf : null;
    }
}
