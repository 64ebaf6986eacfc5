namespace Lapor.Hub.Audit;

/// <summary>One opening of a secret report, as kept in <c>secret_access_audit</c>; the viewer kind is stored by name.</summary>
public sealed record SecretAccessEntry(DateTimeOffset At, string TrackingId, string ViewerKind, string ViewerId, string? AgencyCode, string Via);

/// <summary>The append-only log of who opened which secret report.</summary>
public interface ISecretAccessLog
{
    /// <summary>The longest viewer id and the longest "via" the log keeps; longer values are cut by the caller.</summary>
    const int MaxViewerIdLength = 100;

    const int MaxViaLength = 200;

    Task AppendAsync(SecretAccessEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Newest first; optionally only one report's accesses. <paramref name="limit"/> is kept within 1–500.</summary>
    Task<IReadOnlyList<SecretAccessEntry>> ReadAsync(string? trackingId, int limit, int offset, CancellationToken cancellationToken = default);
}
