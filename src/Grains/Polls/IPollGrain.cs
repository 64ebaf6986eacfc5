using Lapor.Hub.Reports;

namespace Lapor.Hub.Polls;

/// <summary>
/// One policy poll (opini kebijakan), keyed by its <see cref="PollId"/>. Every command, whichever entrance it comes
/// from (console page, API, chat), goes through here; the grain checks who may do it (<see cref="PollAccess"/>) and
/// refuses illegal transitions with <see cref="PollRuleViolation"/>. Votes are answered with an outcome, never an
/// exception: a citizen's wrong tap is not an error.
/// </summary>
[Alias("Lapor.Hub.IPollGrain")]
public interface IPollGrain : IGrainWithStringKey
{
    /// <summary>Creates the poll as a draft owned by <see cref="PollDraft.AgencyCode"/>; again with the same draft while still a draft, edits it.</summary>
    [Alias("SaveDraft")]
    Task<PollView> SaveDraft(PollDraft draft, Actor actor);

    /// <summary>Publishes the draft: votes count from <see cref="PollDraft.OpensAt"/> to <see cref="PollDraft.ClosesAt"/>; invitations start then.</summary>
    [Alias("Open")]
    Task<PollView> Open(Actor actor);

    /// <summary>Closes the poll now (early); a reminder does it at the closing time. Closing a closed poll changes nothing.</summary>
    [Alias("Close")]
    Task<PollView> Close(Actor actor);

    /// <summary>Counts, changes or refuses one citizen's vote. Idempotent by <see cref="Ballot.BallotId"/> and by an unchanged choice.</summary>
    [Alias("Vote")]
    Task<VoteResult> Vote(Ballot ballot);

    /// <summary>The poll as <paramref name="viewer"/> may see it (null viewer: the public); null when they may not (another agency's draft).</summary>
    [Alias("Get")]
    Task<PollView?> Get(Actor? viewer);

    /// <summary>The option a voter chose, or null: for the citizen's own chat only, never for a page.</summary>
    [Alias("VoteOf")]
    Task<int?> VoteOf(string voterKey);
}

public enum PollStatus { Draft, Open, Closed }

public enum PollAudienceKind
{
    /// <summary>Everyone who opted in to polls.</summary>
    OptedIn,
    /// <summary>Opted-in citizens whose region (from their reports) is in, or under, one of <see cref="PollAudience.RegionCodes"/>.</summary>
    Regions,
    /// <summary>Opted-in citizens who reported to the poll's agency.</summary>
    AgencyReporters,
}

[GenerateSerializer, Immutable, Alias("Lapor.Hub.PollAudience")]
public sealed record PollAudience(
    [property: Id(0)] PollAudienceKind Kind,
    [property: Id(1)] IReadOnlyList<string>? RegionCodes = null);

/// <summary>What an officer or admin writes. 2–10 options; the question and each option bounded in length (SMS and WhatsApp limits).</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.PollDraft")]
public sealed record PollDraft(
    [property: Id(0)] string AgencyCode,
    [property: Id(1)] string Question,
    [property: Id(2)] IReadOnlyList<string> Options,
    [property: Id(3)] string? Explanation,
    [property: Id(4)] DateTimeOffset OpensAt,
    [property: Id(5)] DateTimeOffset ClosesAt,
    [property: Id(6)] bool ResultsBeforeClose,
    [property: Id(7)] PollAudience Audience);

/// <summary>
/// What the channel side knows of a voter: a stable citizen key (one person across linked channels: "phone:628…" for a
/// verified number, else "chat:telegram:123"), the channel the vote came through, and the region and agencies of their
/// reports (for the audience check and the by-region tally).
/// </summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.Voter")]
public sealed record Voter(
    [property: Id(0)] string Key,
    [property: Id(1)] string Channel,
    [property: Id(2)] string? RegionCode,
    [property: Id(3)] IReadOnlyList<string> ReportedToAgencies,
    /// <summary>The key this chat voted under before it was linked to a verified number ("chat:telegram:123"), if it is now.</summary>
    [property: Id(4)] string? ChatKey = null);

/// <summary>One tap or typed answer. <see cref="BallotId"/> is the provider's message id: a redelivery changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.Ballot")]
public sealed record Ballot(
    [property: Id(0)] Voter Voter,
    [property: Id(1)] int OptionIndex,
    [property: Id(2)] string BallotId,
    [property: Id(3)] DateTimeOffset CastAt);

public enum VoteOutcome
{
    Counted,
    Changed,
    /// <summary>The same option again (a double tap) or the same ballot again: counted once.</summary>
    Unchanged,
    NotOpenYet,
    Closed,
    InvalidOption,
    NotInAudience,
    /// <summary>Too many changes in a short time (per citizen): not counted, try again later.</summary>
    Throttled,
    /// <summary>No such poll, or still a draft.</summary>
    Unknown,
}

/// <summary>The outcome and, when the poll shows results to voters before its close (or it is closed), the current results.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.VoteResult")]
public sealed record VoteResult(
    [property: Id(0)] VoteOutcome Outcome,
    [property: Id(1)] PollResults? Results = null);

/// <summary>Tallies only: counts per option, per channel and per region. Never who voted for what.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.PollResults")]
public sealed record PollResults(
    [property: Id(0)] IReadOnlyList<int> ByOption,
    [property: Id(1)] IReadOnlyDictionary<string, IReadOnlyList<int>> ByChannel,
    [property: Id(2)] IReadOnlyDictionary<string, IReadOnlyList<int>> ByRegion)
{
    public int Total => ByOption.Sum();
}

[GenerateSerializer, Immutable, Alias("Lapor.Hub.PollView")]
public sealed record PollView(
    [property: Id(0)] string PollId,
    [property: Id(1)] PollDraft Definition,
    [property: Id(2)] PollStatus Status,
    [property: Id(3)] DateTimeOffset? ClosedAt,
    /// <summary>Null when the viewer may not see results yet (the public before the close, when the poll hides them).</summary>
    [property: Id(4)] PollResults? Results,
    [property: Id(5)] int Version);

public static class PollGrainExtensions
{
    public static IPollGrain GetPoll(this IGrainFactory grains, string pollId) => grains.GetGrain<IPollGrain>(pollId);
}
