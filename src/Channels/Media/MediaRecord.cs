using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.Media;

/// <summary>The JSON sidecar kept next to each stored file: what it really is and what the sender claimed.</summary>
internal sealed record MediaRecord(
    string Id,
    string ContentType,
    long Length,
    string? FileName,
    string? DeclaredContentType,
    DateTimeOffset SavedAt,
    bool HasPublicCopy)
{
    public MediaFile ToMediaFile() => new(Id, ContentType, Length, FileName);
}
