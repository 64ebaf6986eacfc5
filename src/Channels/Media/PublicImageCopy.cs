using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;
using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.Media;

/// <summary>
/// Re-encodes an image without its EXIF, XMP and IPTC metadata (a phone photo's GPS position lives there), turned
/// upright first because the orientation flag goes with the EXIF. The original is kept unchanged for the admins.
/// </summary>
internal static class PublicImageCopy
{
    public static async Task WriteAsync(string sourcePath, string targetPath, string contentType, long maxPixels, CancellationToken cancellationToken)
    {
        await using var source = File.OpenRead(sourcePath);
        var info = await IdentifyAsync(source, cancellationToken);
        if ((long)info.Width * info.Height > maxPixels)
        {
            throw new MediaRejectedException(
                $"Gambar terlalu besar: {info.Width}×{info.Height} piksel. (Image too large: {info.Width}×{info.Height} pixels.)");
        }

        source.Position = 0;
        using var image = await LoadAsync(source, cancellationToken);
        image.Mutate(pipeline => pipeline.AutoOrient());
        image.Metadata.ExifProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.GetPngMetadata().TextData.Clear();

        await using var target = new FileStream(targetPath, FileMode.CreateNew, FileAccess.Write);
        await image.SaveAsync(target, EncoderFor(contentType), cancellationToken);
    }

    private static async Task<IImageInfo> IdentifyAsync(Stream source, CancellationToken cancellationToken)
    {
        try
        {
            return await Image.IdentifyAsync(source, cancellationToken) ?? throw Unreadable();
        }
        catch (Exception exception) when (exception is ImageFormatException or NotSupportedException)
        {
            throw Unreadable();
        }
    }

    private static async Task<Image> LoadAsync(Stream source, CancellationToken cancellationToken)
    {
        try
        {
            return await Image.LoadAsync(source, cancellationToken);
        }
        catch (Exception exception) when (exception is ImageFormatException or NotSupportedException)
        {
            throw Unreadable();
        }
    }

    private static IImageEncoder EncoderFor(string contentType) => contentType switch
    {
        MediaTypes.Jpeg => new JpegEncoder { Quality = 90 },
        MediaTypes.Png => new PngEncoder(),
        MediaTypes.Webp => new WebpEncoder(),
        _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, "Not an image type with a public copy."),
    };

    private static MediaRejectedException Unreadable() =>
        new("Gambar tidak dapat dibaca (rusak atau formatnya tidak didukung). (The image cannot be read: damaged or unsupported.)");
}
