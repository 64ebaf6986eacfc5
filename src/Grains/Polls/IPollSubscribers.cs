namespace Lapor.Hub.Polls;

/// <summary>
/// One chat that can receive polls: its channel address ("telegram:123"), the citizen key it votes as (one person across
/// linked channels), its language, the region and agencies of its reports, and whether it is opted in now.
/// </summary>
public sealed record PollSubscriber(
    string Address,
    string VoterKey,
    string Channel,
    string Language,
    string? RegionCode,
    IReadOnlyList<string> ReportedToAgencies,
    bool OptedIn,
    DateTimeOffset UpdatedAt);

/// <summary>The register of who opted in to polls: written by the conversations, read page by page by the invitation job.</summary>
public interface IPollSubscribers
{
    Task UpsertAsync(PollSubscriber subscriber, CancellationToken cancellationToken = default);

    Task<PollSubscriber?> FindAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>Opted-in subscribers in <paramref name="audience"/> (of the poll of <paramref name="agencyCode"/>), ordered by address, after <paramref name="afterAddress"/>.</summary>
    Task<IReadOnlyList<PollSubscriber>> PageAsync(
        PollAudience audience, string agencyCode, string? afterAddress, int limit, CancellationToken cancellationToken = default);

    Task<int> CountAsync(PollAudience audience, string agencyCode, CancellationToken cancellationToken = default);
}
