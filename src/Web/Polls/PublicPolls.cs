using Lapor.Hub.Polls;

namespace Lapor.Hub.Web.Polls;

/// <summary>
/// The public's polls, for the pages, the API and the export alike: lists from the query table, one poll through the
/// grain with no viewer (so a draft is "not found" and hidden results stay null). Tallies only, never a voter.
/// </summary>
public sealed class PublicPolls(IGrainFactory grains, IPollQueries queries)
{
    public static IReadOnlyList<PollStatus> Published { get; } = [PollStatus.Open, PollStatus.Closed];

    public async Task<IReadOnlyList<PollIndexEntry>> ListAsync(int page, CancellationToken cancellationToken) =>
        (await queries.ListAsync(new PollListQuery(StatusIn: Published, Page: Math.Max(1, page), PageSize: PollListQuery.MaxPageSize), cancellationToken))
            .Where(entry => entry.Status != PollStatus.Draft).ToArray();

    /// <summary>The published poll, or null (unknown, malformed or still a draft).</summary>
    public async Task<PollView?> FindAsync(string pollId, CancellationToken cancellationToken)
    {
        // The query table first: a made-up ID never wakes a grain.
        if (!PollIds.IsWellFormed(pollId) || await queries.FindAsync(pollId, cancellationToken) is not { Status: not PollStatus.Draft })
        {
            return null;
        }

        return await grains.GetPoll(pollId).Get(null) is { Status: not PollStatus.Draft } view ? view : null;
    }

    /// <summary>The tallies of an index row as the public may see them: null until the poll shows them.</summary>
    public static PollResults? VisibleResults(PollIndexEntry entry) =>
        PollAccess.PublicSeesResults(entry.Status, entry.ResultsBeforeClose) ? entry.Results : null;
}
