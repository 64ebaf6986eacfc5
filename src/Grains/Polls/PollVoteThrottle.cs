namespace Lapor.Hub.Polls;

/// <summary>
/// Per-citizen throttling of vote changes (the Orleans Voting sample's idea): a citizen may change their vote at most
/// <see cref="MaxChanges"/> times within <see cref="Window"/>; further changes are refused as <see cref="VoteOutcome.Throttled"/>
/// and not counted. A first vote and a repeated choice are never throttled: they cost nothing.
/// </summary>
public sealed record PollVoteThrottle(int MaxChanges, TimeSpan Window)
{
    public static PollVoteThrottle Default { get; } = new(5, TimeSpan.FromMinutes(10));
}
