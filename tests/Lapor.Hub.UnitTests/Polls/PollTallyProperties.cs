using FsCheck.Xunit;
using Lapor.Hub.Polls;
using static Lapor.Hub.Tests.Polls.PollFixtures;

namespace Lapor.Hub.Tests.Polls;

/// <summary>
/// Random sequences of votes, changes, double taps, redelivered ballots, invalid options and outsiders, on a regional
/// poll: after every step the live tallies equal a recount of the recorded votes, there is one vote per voter, and each
/// outcome says truthfully what happened to the voter's recorded vote.
/// </summary>
public class PollTallyProperties
{
    private const int Voters = 6;

    [Property(MaxTest = 300)]
    public bool The_tallies_never_drift_from_the_recorded_votes(byte[] steps)
    {
        var poll = Opened(Draft(new PollAudience(PollAudienceKind.Regions, ["73"]), options: 4), new PollVoteThrottle(3, TimeSpan.FromMinutes(10)));
        var now = Now;
        for (var i = 0; i + 3 < steps.Length; i += 4)
        {
            var voterIndex = steps[i] % (Voters + 1); // the last one is outside the audience
            var voter = new Voter(
                $"chat:telegram:{voterIndex}",
                voterIndex % 2 == 0 ? "telegram" : "web",
                voterIndex == Voters ? "31.71" : voterIndex % 3 == 0 ? "73" : "73.71",
                []);
            var option = steps[i + 1] % 5; // 4 is not an option
            now = now.AddMinutes(steps[i + 3] % 4);
            var before = poll.VoteOf(voter.Key);

            var outcome = poll.Vote(new Ballot(voter, option, $"m-{steps[i + 2] % 24}", now), now);

            var after = poll.VoteOf(voter.Key);
            var truthful = outcome switch
            {
                VoteOutcome.Counted => before is null && after == option,
                VoteOutcome.Changed => before is not null && before != option && after == option,
                _ => before == after,
            };
            var expected = Recount(poll);
            if (!truthful
                || !expected.ByOption.SequenceEqual(poll.Results.ByOption)
                || Flatten(expected.ByChannel) != Flatten(poll.Results.ByChannel)
                || Flatten(expected.ByRegion) != Flatten(poll.Results.ByRegion)
                || poll.Results.Total != poll.State.Votes.Count
                || poll.State.Votes.Values.Any(v => v.RecentChanges.Count > 3))
            {
                return false;
            }
        }

        return poll.VoteOf($"chat:telegram:{Voters}") is null;
    }
}
