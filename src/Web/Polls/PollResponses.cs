using Lapor.Hub.Polls;

namespace Lapor.Hub.Web.Polls;

/// <summary>Counts only: per option, and per option within each channel and region.</summary>
public sealed record PollResultsResponse(
    int Total,
    IReadOnlyList<int> ByOption,
    IReadOnlyDictionary<string, IReadOnlyList<int>> ByChannel,
    IReadOnlyDictionary<string, IReadOnlyList<int>> ByRegion)
{
    public static PollResultsResponse? Of(PollResults? results) =>
        results is null ? null : new(results.Total, results.ByOption, results.ByChannel, results.ByRegion);
}

public sealed record PollSummaryResponse(
    string PollId, string AgencyCode, PollStatus Status, string Question, DateTimeOffset OpensAt, DateTimeOffset ClosesAt,
    DateTimeOffset? ClosedAt, PollAudienceKind Audience, IReadOnlyList<string> RegionCodes, bool ResultsBeforeClose,
    PollResultsResponse? Results)
{
    public static PollSummaryResponse Of(PollIndexEntry entry) => new(
        entry.PollId, entry.AgencyCode, entry.Status, entry.Question, entry.OpensAt, entry.ClosesAt, entry.ClosedAt,
        entry.Audience.Kind, entry.Audience.RegionCodes ?? [], entry.ResultsBeforeClose, PollResultsResponse.Of(PublicPolls.VisibleResults(entry)));
}

/// <summary>One poll for the public; <see cref="Results"/> is null until the poll shows them (then see <see cref="ResultsFrom"/>).</summary>
public sealed record PollResponse(
    string PollId, string AgencyCode, PollStatus Status, string Question, IReadOnlyList<string> Options, string? Explanation,
    DateTimeOffset OpensAt, DateTimeOffset ClosesAt, DateTimeOffset? ClosedAt, PollAudienceKind Audience,
    IReadOnlyList<string> RegionCodes, bool ResultsBeforeClose, DateTimeOffset? ResultsFrom, PollResultsResponse? Results)
{
    public static PollResponse Of(PollView poll)
    {
        var draft = poll.Definition;
        return new(poll.PollId, draft.AgencyCode, poll.Status, draft.Question, draft.Options, draft.Explanation, draft.OpensAt,
            draft.ClosesAt, poll.ClosedAt, draft.Audience.Kind, draft.Audience.RegionCodes ?? [], draft.ResultsBeforeClose,
            poll.Results is null ? draft.ClosesAt : null, PollResultsResponse.Of(poll.Results));
    }
}
