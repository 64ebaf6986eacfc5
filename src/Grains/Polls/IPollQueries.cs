namespace Lapor.Hub.Polls;

/// <summary>One row of the poll query table: what lists and public results need. Upserts are idempotent by version.</summary>
public sealed record PollIndexEntry(
    string PollId,
    int Version,
    string AgencyCode,
    PollStatus Status,
    string Question,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    DateTimeOffset? ClosedAt,
    PollAudience Audience,
    bool ResultsBeforeClose,
    /// <summary>The tallies; the query table keeps them, the public pages decide (by <see cref="ResultsBeforeClose"/>) whether to show them.</summary>
    PollResults Results,
    DateTimeOffset UpdatedAt);

public sealed record PollListQuery(
    IReadOnlyList<PollStatus>? StatusIn = null,
    string? AgencyCode = null,
    int Page = 1,
    int PageSize = 20)
{
    public const int MaxPageSize = 100;
}

public interface IPollReadModel
{
    Task UpsertAsync(PollIndexEntry entry, CancellationToken cancellationToken = default);
}

/// <summary>Lists and results span polls: they come from the query table, never from fanning out over grains.</summary>
public interface IPollQueries
{
    Task<IReadOnlyList<PollIndexEntry>> ListAsync(PollListQuery query, CancellationToken cancellationToken = default);

    Task<PollIndexEntry?> FindAsync(string pollId, CancellationToken cancellationToken = default);
}
