namespace Lapor.Hub.Polls;

/// <summary>
/// The counts, kept in step with the recorded votes: built by counting them all, then moved by exactly the vote that
/// was added, removed or changed. Nothing else writes it, so it cannot drift from the votes (tests recount to prove it).
/// </summary>
public sealed class PollTally
{
    /// <summary>The by-region key for votes from citizens whose region is not known.</summary>
    public const string UnknownRegion = "unknown";

    private readonly int _optionCount;
    private readonly int[] _byOption;
    private readonly Dictionary<string, int[]> _byChannel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _byRegion = new(StringComparer.Ordinal);

    private PollTally(int optionCount)
    {
        _optionCount = optionCount;
        _byOption = new int[optionCount];
    }

    public static PollTally Count(int optionCount, IEnumerable<RecordedVote> votes)
    {
        var tally = new PollTally(optionCount);
        foreach (var vote in votes)
        {
            tally.Add(vote);
        }

        return tally;
    }

    public void Add(RecordedVote vote) => Move(vote, +1);

    public void Remove(RecordedVote vote) => Move(vote, -1);

    public PollResults ToResults() => new(
        _byOption.ToArray(),
        Snapshot(_byChannel),
        Snapshot(_byRegion));

    private void Move(RecordedVote vote, int by)
    {
        if (vote.Option < 0 || vote.Option >= _optionCount)
        {
            return;
        }

        _byOption[vote.Option] += by;
        Bucket(_byChannel, vote.Channel)[vote.Option] += by;
        Bucket(_byRegion, vote.RegionCode ?? UnknownRegion)[vote.Option] += by;
    }

    private int[] Bucket(Dictionary<string, int[]> buckets, string key)
    {
        if (!buckets.TryGetValue(key, out var counts))
        {
            counts = new int[_optionCount];
            buckets[key] = counts;
        }

        return counts;
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<int>> Snapshot(Dictionary<string, int[]> buckets) =>
        buckets.Where(b => b.Value.Any(c => c != 0))
            .OrderBy(b => b.Key, StringComparer.Ordinal)
            .ToDictionary(b => b.Key, b => (IReadOnlyList<int>)b.Value.ToArray(), StringComparer.Ordinal);
}
