using System.Text;
using Lapor.Hub.Channels.Media;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Lapor.Hub.Tests.Channels.Media;

public sealed class FileMediaStoreTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("lapor-media");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_file_past_the_limit_is_refused_while_streaming_and_leaves_nothing_behind()
    {
        var store = Store(maxBytes: 64 * 1024);
        var content = new CountingStream(new byte[10 * 1024 * 1024]);

        var refused = await Assert.ThrowsAsync<MediaRejectedException>(() => store.SaveAsync(content, "image/jpeg", "besar.jpg", default));

        Assert.Contains("terlalu besar", refused.Message);
        Assert.Contains("too large", refused.Message);
        Assert.InRange(content.BytesRead, 64 * 1024, 256 * 1024); // stopped reading soon after the limit
        Assert.Empty(Directory.GetFiles(store.Directory));
    }

    [Fact]
    public async Task A_png_declared_as_jpeg_is_stored_as_png()
    {
        var store = Store();

        var saved = await store.SaveAsync(new MemoryStream(Png()), "image/jpeg", "foto.jpg", default);

        Assert.Equal("image/png", saved.ContentType);
        var opened = await store.OpenPublicAsync(saved.Id, default);
        Assert.NotNull(opened);
        await using var content = opened.Value.Content;
        Assert.Equal("image/png", opened.Value.File.ContentType);
        Assert.Equal("foto.jpg", opened.Value.File.FileName);
        Assert.IsType<SixLabors.ImageSharp.Formats.Png.PngFormat>(Image.DetectFormat(content));
    }

    [Fact]
    public async Task A_text_file_declared_as_jpeg_is_refused()
    {
        var store = Store();

        var refused = await Assert.ThrowsAsync<MediaRejectedException>(() =>
            store.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("ini bukan gambar")), "image/jpeg", "palsu.jpg", default));

        Assert.Contains("JPEG, PNG", refused.Message);
        Assert.Empty(Directory.GetFiles(store.Directory));
    }

    [Fact]
    public async Task A_file_that_only_starts_like_a_jpeg_is_refused_as_unreadable()
    {
        var store = Store();
        var broken = new byte[4096];
        new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }.CopyTo(broken, 0);

        var refused = await Assert.ThrowsAsync<MediaRejectedException>(() => store.SaveAsync(new MemoryStream(broken), "image/jpeg", "rusak.jpg", default));

        Assert.Contains("tidak dapat dibaca", refused.Message);
        Assert.Empty(Directory.GetFiles(store.Directory));
    }

    [Fact]
    public async Task A_pdf_is_served_without_its_author_but_the_original_keeps_it()
    {
        var store = Store();
        var pdf = TestPdf.WithAuthor();
        Assert.True(TestPdf.Contains(pdf, TestPdf.NationalIdNumber)); // the fixture really has it

        var saved = await store.SaveAsync(new MemoryStream(pdf), "application/octet-stream", "../../surat.pdf", default);

        Assert.Equal("application/pdf", saved.ContentType);
        Assert.Equal("surat.pdf", saved.FileName);
        var opened = (await store.OpenPublicAsync(saved.Id, default))!.Value;
        await using var content = opened.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(copy.ToArray(), 0, 5));
        Assert.False(TestPdf.Contains(copy.ToArray(), TestPdf.NationalIdNumber));
        Assert.False(TestPdf.Contains(copy.ToArray(), "Surat keterangan domisili"));
        Assert.Equal(1, PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(copy.ToArray()), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import).PageCount);
        var original = Directory.GetFiles(store.Directory, "*.original").Single();
        Assert.True(TestPdf.Contains(File.ReadAllBytes(original), TestPdf.NationalIdNumber));
    }

    [Fact]
    public async Task A_file_that_only_starts_like_a_pdf_is_refused_as_unreadable()
    {
        var store = Store();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

        var refused = await Assert.ThrowsAsync<MediaRejectedException>(() => store.SaveAsync(new MemoryStream(pdf), "application/pdf", "rusak.pdf", default));

        Assert.Contains("PDF tidak dapat dibaca", refused.Message);
        Assert.Empty(Directory.GetFiles(store.Directory));
    }

    [Fact]
    public async Task The_public_copy_of_a_jpeg_has_no_gps_location_but_the_original_keeps_it()
    {
        var store = Store();
        var photo = JpegWithGpsLocation();
        Assert.NotNull(Image.Load(photo).Metadata.ExifProfile?.GetValue(ExifTag.GPSLatitude)); // the fixture really has it

        var saved = await store.SaveAsync(new MemoryStream(photo), "image/jpeg", "jalan.jpg", default);

        var opened = (await store.OpenPublicAsync(saved.Id, default))!.Value;
        await using var content = opened.Content;
        using var published = await Image.LoadAsync(content);
        Assert.Equal("image/jpeg", opened.File.ContentType);
        Assert.Null(published.Metadata.ExifProfile?.GetValue(ExifTag.GPSLatitude));
        Assert.Null(published.Metadata.ExifProfile?.GetValue(ExifTag.GPSLongitude));
        Assert.Null(published.Metadata.XmpProfile);
        Assert.Equal((32, 24), (published.Width, published.Height));
        var original = Directory.GetFiles(store.Directory, "*.original").Single();
        Assert.NotNull(Image.Load(original).Metadata.ExifProfile?.GetValue(ExifTag.GPSLatitude));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("0123456789abcdef0123456789ABCDEF")]
    [InlineData("00000000000000000000000000000000")]
    public async Task Unknown_or_malformed_ids_are_not_found(string id)
    {
        Assert.Null(await Store().OpenPublicAsync(id, default));
    }

    private FileMediaStore Store(long maxBytes = MediaOptions.DefaultMaxBytes) =>
        new(Options.Create(new MediaOptions { Directory = Path.Combine(_folder.Path, "media"), MaxBytes = maxBytes }),
            NullLogger<FileMediaStore>.Instance, TimeProvider.System);

    private static byte[] Png()
    {
        using var image = new Image<Rgba32>(4, 4, new Rgba32(0, 120, 200));
        using var buffer = new MemoryStream();
        image.SaveAsPng(buffer);
        return buffer.ToArray();
    }

    /// <summary>A phone-like photo: EXIF with the GPS position of Monas, Jakarta (6°10'30"S 106°49'37"E).</summary>
    private static byte[] JpegWithGpsLocation()
    {
        using var image = new Image<Rgba32>(32, 24, new Rgba32(90, 160, 60));
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitudeRef, "S");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(6, 1), new Rational(10, 1), new Rational(30, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(106, 1), new Rational(49, 1), new Rational(37, 1)]);
        exif.SetValue(ExifTag.Make, "TestPhone");
        image.Metadata.ExifProfile = exif;
        using var buffer = new MemoryStream();
        image.Save(buffer, new JpegEncoder());
        return buffer.ToArray();
    }

    /// <summary>Serves zeros and counts how much was read, to show the store stops early.</summary>
    private sealed class CountingStream(byte[] content) : MemoryStream(content)
    {
        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }
    }
}
