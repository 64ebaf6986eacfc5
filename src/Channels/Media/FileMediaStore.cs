using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Lapor.Hub.Channels.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Media;

/// <summary>
/// Keeps each file under a random id in one folder: <c>id.original</c> as received, <c>id.public</c>
/// without metadata, and <c>id.json</c> describing both. The sidecar is written last, so a file without one was
/// never completely stored and is not served.
/// </summary>
public sealed partial class FileMediaStore : IMediaStore
{
    private const int CopyBufferBytes = 81920;
    private static readonly JsonSerializerOptions SidecarJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly MediaOptions _options;
    private readonly ILogger<FileMediaStore> _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _imageProcessing;

    public FileMediaStore(IOptions<MediaOptions> options, ILogger<FileMediaStore> logger, TimeProvider time)
    {
        _options = options.Value;
        _logger = logger;
        _time = time;
        if (string.IsNullOrWhiteSpace(_options.Directory))
        {
            throw new InvalidOperationException($"{MediaOptions.SectionName}:{nameof(MediaOptions.Directory)} must be set.");
        }

        Directory = Path.GetFullPath(_options.Directory);
        _imageProcessing = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentImageProcessing));
    }

    /// <summary>The absolute folder the files are kept in.</summary>
    public string Directory { get; }

    public async Task<MediaFile> SaveAsync(Stream content, string declaredContentType, string? fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        System.IO.Directory.CreateDirectory(Directory);
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var originalPath = PathFor(id, ".original");
        var publicPath = PathFor(id, ".public");
        try
        {
            var (length, header) = await CopyBoundedAsync(content, originalPath, cancellationToken);
            var contentType = MediaSniffer.Sniff(header) is { } sniffed && _options.AcceptedContentTypes.Contains(sniffed)
                ? sniffed
                : throw NotAccepted();

            await WritePublicCopyAsync(originalPath, publicPath, contentType, cancellationToken);

            var record = new MediaRecord(id, contentType, length, CleanFileName(fileName), declaredContentType, _time.GetUtcNow(), HasPublicCopy: true);
            await WriteSidecarAsync(record, cancellationToken);
            LogStored(id, contentType, declaredContentType, length);
            return record.ToMediaFile();
        }
        catch (Exception exception)
        {
            DeleteQuietly(originalPath, publicPath, PathFor(id, ".json"));
            if (exception is MediaRejectedException)
            {
                LogRejected(declaredContentType, exception.Message);
            }

            throw;
        }
    }

    public async Task<(Stream Content, MediaFile File)?> OpenPublicAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsWellFormedId(id) || !File.Exists(PathFor(id, ".json")))
        {
            return null;
        }

        MediaRecord? record;
        await using (var sidecar = File.OpenRead(PathFor(id, ".json")))
        {
            record = await JsonSerializer.DeserializeAsync<MediaRecord>(sidecar, SidecarJson, cancellationToken);
        }

        if (record is null)
        {
            return null;
        }

        var path = PathFor(id, record.HasPublicCopy ? ".public" : ".original");
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferBytes, useAsync: true);
        return (stream, record.ToMediaFile());
    }

    /// <summary>Images lose EXIF/XMP/IPTC, PDFs their document information; one at a time per slot, to bound memory and CPU.</summary>
    private async Task WritePublicCopyAsync(string originalPath, string publicPath, string contentType, CancellationToken cancellationToken)
    {
        await _imageProcessing.WaitAsync(cancellationToken);
        try
        {
            if (MediaTypes.IsImage(contentType))
            {
                await PublicImageCopy.WriteAsync(originalPath, publicPath, contentType, _options.MaxImagePixels, cancellationToken);
            }
            else
            {
                PublicPdfCopy.Write(originalPath, publicPath);
            }
        }
        finally
        {
            _imageProcessing.Release();
        }
    }

    /// <summary>The id and time of saving of every completely stored file.</summary>
    public async IAsyncEnumerable<(string Id, DateTimeOffset SavedAt)> ListStoredAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            yield break;
        }

        foreach (var sidecar in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
        {
            var id = Path.GetFileNameWithoutExtension(sidecar);
            if (IsWellFormedId(id) && await ReadRecordAsync(id, cancellationToken) is { } record)
            {
                yield return (id, record.SavedAt);
            }
        }
    }

    /// <summary>
    /// When this folder's files started being claimed by their reports (the first time this is asked). Files saved before
    /// may belong to reports filed before ownership was recorded, so they are never treated as unclaimed.
    /// </summary>
    public async Task<DateTimeOffset> ClaimsRecordedSinceAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var marker = Path.Combine(Directory, "claims-recorded-since");
        if (File.Exists(marker)
            && DateTimeOffset.TryParse(await File.ReadAllTextAsync(marker, cancellationToken), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.RoundtripKind, out var since))
        {
            return since;
        }

        var now = _time.GetUtcNow();
        await File.WriteAllTextAsync(marker, now.ToString("O", System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return now;
    }

    /// <summary>Deletes a stored file: the sidecar first, so a half-deleted file is never served.</summary>
    public void Delete(string id)
    {
        if (IsWellFormedId(id))
        {
            DeleteQuietly(PathFor(id, ".json"), PathFor(id, ".public"), PathFor(id, ".original"));
        }
    }

    private async Task<MediaRecord?> ReadRecordAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await using var sidecar = File.OpenRead(PathFor(id, ".json"));
            return await JsonSerializer.DeserializeAsync<MediaRecord>(sidecar, SidecarJson, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or JsonException)
        {
            return null; // deleted meanwhile, or never completely written
        }
    }

    /// <summary>Copies at most <see cref="MediaOptions.MaxBytes"/> to <paramref name="path"/>, keeping the first bytes for sniffing.</summary>
    private async Task<(long Length, byte[] Header)> CopyBoundedAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        var header = new byte[MediaSniffer.HeaderLength];
        var headerLength = 0;
        long length = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferBytes, useAsync: true);
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, CopyBufferBytes), cancellationToken)) > 0)
            {
                length += read;
                if (length > _options.MaxBytes)
                {
                    throw TooLarge();
                }

                var forHeader = Math.Min(read, header.Length - headerLength);
                buffer.AsSpan(0, forHeader).CopyTo(header.AsSpan(headerLength));
                headerLength += forHeader;
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return length == 0
            ? throw new MediaRejectedException("Berkas kosong. (The file is empty.)")
            : (length, header[..headerLength]);
    }

    private async Task WriteSidecarAsync(MediaRecord record, CancellationToken cancellationToken)
    {
        var temporary = PathFor(record.Id, ".json.tmp");
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            await JsonSerializer.SerializeAsync(file, record, SidecarJson, cancellationToken);
        }

        File.Move(temporary, PathFor(record.Id, ".json"));
    }

    private MediaRejectedException TooLarge()
    {
        var megabytes = _options.MaxBytes / (1024.0 * 1024.0);
        return new($"Berkas terlalu besar: maksimal {megabytes:0.#} MB. (The file is too large: at most {megabytes:0.#} MB.)");
    }

    private static MediaRejectedException NotAccepted() =>
        new("Jenis berkas tidak diterima: kirim foto JPEG, PNG atau WebP, atau dokumen PDF. "
            + "(File type not accepted: send a JPEG, PNG or WebP photo, or a PDF document.)");

    private string PathFor(string id, string extension) => Path.Combine(Directory, id + extension);

    private static bool IsWellFormedId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    private static string? CleanFileName(string? fileName)
    {
        var name = string.IsNullOrWhiteSpace(fileName) ? null : Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        return string.IsNullOrEmpty(name) ? null : name.Length <= 200 ? name : name[..200];
    }

    private static void DeleteQuietly(params string[] paths)
    {
        foreach (var path in paths)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort: without a sidecar the leftover is never served.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Media {MediaId} stored: {ContentType} (declared {DeclaredContentType}), {Length} bytes")]
    private partial void LogStored(string mediaId, string contentType, string? declaredContentType, long length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Media refused (declared {DeclaredContentType}): {Reason}")]
    private partial void LogRejected(string? declaredContentType, string reason);
}
