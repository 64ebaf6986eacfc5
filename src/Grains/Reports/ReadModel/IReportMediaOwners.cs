namespace Lapor.Hub.Reports.ReadModel;

/// <summary>
/// Which report a stored photo or file belongs to. Recorded when a report is filed with it (or a follow-up attaches it);
/// the first report to claim a file keeps it. The media endpoint decides access from it, the sweeper keeps owned files.
/// </summary>
public interface IReportMediaOwners
{
    Task RecordAsync(string trackingId, IReadOnlyCollection<string> mediaIds, CancellationToken cancellationToken = default);

    /// <summary>The tracking ID of the report <paramref name="mediaId"/> belongs to, or null when none claimed it.</summary>
    Task<string?> FindOwnerAsync(string mediaId, CancellationToken cancellationToken = default);

    /// <summary>Those of <paramref name="mediaIds"/> that belong to a report.</summary>
    Task<IReadOnlySet<string>> OwnedAmongAsync(IReadOnlyCollection<string> mediaIds, CancellationToken cancellationToken = default);
}
