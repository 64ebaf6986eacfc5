namespace Lapor.Hub.Channels.Media;

/// <summary>Where citizens' photos and files are kept and what is accepted. Bound from the section <c>Media</c>.</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>The folder for stored files; empty means <c>&lt;Storage:DataDirectory&gt;/media</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>
    /// Images larger than this many pixels are refused before they are decoded: a small compressed file can decode to
    /// gigabytes ("decompression bomb") when the public copy is made. A phone photo is about 12 MP; 16 MP (4000×4000)
    /// decodes to at most 64 MB.
    /// </summary>
    public long MaxImagePixels { get; set; } = 16_000_000;

    /// <summary>How many public copies are made at once; further uploads wait their turn, so memory stays bounded.</summary>
    public int MaxConcurrentImageProcessing { get; set; } = 2;

    /// <summary>An upload no report claimed within this time is deleted.</summary>
    public TimeSpan OrphanLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often unclaimed uploads are looked for.</summary>
    public TimeSpan OrphanSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Content types accepted, as sniffed from the file's first bytes (never as declared).</summary>
    public List<string> AcceptedContentTypes { get; set; } =
        [MediaTypes.Jpeg, MediaTypes.Png, MediaTypes.Webp, MediaTypes.Pdf];
}

public static class MediaTypes
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Webp = "image/webp";
    public const string Pdf = "application/pdf";

    public static bool IsImage(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);
}
