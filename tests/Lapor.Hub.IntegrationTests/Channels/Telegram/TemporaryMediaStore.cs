using System.Collections.Concurrent;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Channels.Telegram;

/// <summary>A media store for tests: keeps the bytes in a temporary folder; can be told to refuse everything.</summary>
public sealed class TemporaryMediaStore : IMediaStore, IDisposable
{
    private readonly TemporaryDirectory _folder = new("lapor-telegram-media");
    private readonly ConcurrentDictionary<string, MediaFile> _files = new();

    /// <summary>When set, every file is refused with this message.</summary>
    public string? RefuseWith { get; set; }

    public IReadOnlyCollection<MediaFile> Files => [.. _files.Values];

    public async Task<MediaFile> SaveAsync(Stream content, string declaredContentType, string? fileName, CancellationToken cancellationToken)
    {
        if (RefuseWith is { } reason)
        {
            throw new MediaRejectedException(reason);
        }

        var id = Guid.NewGuid().ToString("N");
        await using (var file = File.Create(PathOf(id)))
        {
            await content.CopyToAsync(file, cancellationToken);
        }

        var stored = new MediaFile(id, declaredContentType, new FileInfo(PathOf(id)).Length, fileName);
        _files[id] = stored;
        return stored;
    }

    public Task<(Stream Content, MediaFile File)?> OpenPublicAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_files.TryGetValue(id, out var file) ? ((Stream)File.OpenRead(PathOf(id)), file) : ((Stream, MediaFile)?)null);

    /// <summary>Adds a file directly, as if a citizen or an agency had uploaded it earlier.</summary>
    public Task<MediaFile> AddAsync(byte[] content, string contentType, string fileName) =>
        SaveAsync(new MemoryStream(content), contentType, fileName, CancellationToken.None);

    public byte[] Read(string id) => File.ReadAllBytes(PathOf(id));

    public void Dispose() => _folder.Dispose();

    private string PathOf(string id) => Path.Combine(_folder.Path, id);
}
