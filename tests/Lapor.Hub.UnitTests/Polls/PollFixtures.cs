using Lapor.Hub.Polls;
using Lapor.Hub.Regions;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Tests.Polls;

internal static class PollFixtures
{
    public const string Agency = "PEMKOT-7371";
    public static readonly DateTimeOffset Now = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);
    public static readonly RegionCatalog Catalog = RegionCatalog.LoadFile(RegionCatalog.DefaultDataPath);
    public static readonly Actor Officer = Actor.Officer("officer-1", Agency);
    public static readonly Actor OtherOfficer = Actor.Officer("officer-2", "KEMENKES");
    public static readonly Actor Admin = Actor.Admin("admin-1");

    public static PollDraft Draft(PollAudience? audience = null, int options = 3) => new(
        Agency,
        "Perlukah jalur sepeda di Jalan Penghibur?",
        Enumerable.Range(1, options).Select(i => $"Pilihan {i}").ToArray(),
        "Pemerintah kota menimbang jalur sepeda baru.",
        Now,
        Now.AddDays(7),
        ResultsBeforeClose: true,
        audience ?? new PollAudience(PollAudienceKind.OptedIn));

    public static Poll Drafted(PollDraft? draft = null, PollVoteThrottle? throttle = null)
    {
        var poll = new Poll(new PollState(), throttle);
        poll.SaveDraft(PollIds.New(), draft ?? Draft(), Officer, Now, Catalog, _ => true);
        return poll;
    }

    public static Poll Opened(PollDraft? draft = null, PollVoteThrottle? throttle = null)
    {
        var poll = Drafted(draft, throttle);
        poll.Open(Officer, Now);
        return poll;
    }

    public static Voter Voter(string key, string channel = "telegram", string? region = "73.71", params string[] agencies) =>
        new(key, channel, region, agencies);

    public static Ballot Ballot(Voter voter, int option, string? ballotId = null) =>
        new(voter, option, ballotId ?? Guid.NewGuid().ToString("N"), Now);

    /// <summary>The tallies counted afresh from the recorded votes, the way a test recounts them.</summary>
    public static PollResults Recount(Poll poll) =>
        PollTally.Count(poll.Definition.Options.Count, poll.State.Votes.Values).ToResults();

    public static void AssertSameResults(PollResults expected, PollResults actual)
    {
        Assert.Equal(expected.ByOption, actual.ByOption);
        Assert.Equal(Flatten(expected.ByChannel), Flatten(actual.ByChannel));
        Assert.Equal(Flatten(expected.ByRegion), Flatten(actual.ByRegion));
    }

    public static string Flatten(IReadOnlyDictionary<string, IReadOnlyList<int>> buckets) =>
        string.Join(";", buckets.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key}={string.Join(",", b.Value)}"));
}
