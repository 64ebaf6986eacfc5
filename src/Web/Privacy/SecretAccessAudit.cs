using Lapor.Hub.Audit;
using Lapor.Hub.Reports.Access;

namespace Lapor.Hub.Web.Privacy;

public sealed record SecretAccess(DateTimeOffset At, string TrackingId, ViewerKind ViewerKind, string ViewerId, string? AgencyCode, string Via);

/// <summary>Records who opened which secret report, and when, in the append-only <see cref="ISecretAccessLog"/>.</summary>
public sealed class SecretAccessAudit(ISecretAccessLog log, TimeProvider clock)
{
    public const int MaxViaLength = ISecretAccessLog.MaxViaLength;

    public Task RecordAsync(string trackingId, Viewer viewer, string via, CancellationToken cancellationToken = default) =>
        log.AppendAsync(
            new SecretAccessEntry(clock.GetUtcNow(), trackingId, viewer.Kind.ToString(), Cut(viewer.Id, ISecretAccessLog.MaxViewerIdLength),
                viewer.AgencyCode, Cut(via, MaxViaLength)),
            cancellationToken);

    /// <summary>Newest first; optionally only one report's accesses.</summary>
    public async Task<IReadOnlyList<SecretAccess>> ReadAsync(string? trackingId, int limit, int offset, CancellationToken cancellationToken = default) =>
        [.. (await log.ReadAsync(trackingId, limit, offset, cancellationToken))
            .Select(e => new SecretAccess(e.At, e.TrackingId, Enum.Parse<ViewerKind>(e.ViewerKind), e.ViewerId, e.AgencyCode, e.Via))];

    private static string Cut(string value, int maxLength) => value.Length <= maxLength ? value : value[..maxLength];
}
