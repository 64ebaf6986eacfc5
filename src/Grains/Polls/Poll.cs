using Lapor.Hub.Collections;
using Lapor.Hub.Regions;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Polls;

/// <summary>
/// One poll's rules over its <see cref="PollState"/>: who may draft, edit, open and close it (<see cref="PollAccess"/>),
/// what a valid poll is, and how a ballot is counted, changed or refused. Illegal commands throw
/// <see cref="PollRuleViolation"/>; a vote is always answered with a <see cref="VoteOutcome"/>.
/// </summary>
public sealed class Poll
{
    public const int MinOptions = 2;
    public const int MaxOptions = 10;
    public const int MaxOptionLength = 100;
    public const int MaxQuestionLength = 300;
    public const int MaxExplanationLength = 1_000;
    private const int HandledBallotsKept = 1_024;
    private const string UnknownChannel = "unknown";

    private readonly PollState _state;
    private readonly PollVoteThrottle _throttle;
    private PollTally _tally;

    public Poll(PollState state, PollVoteThrottle? throttle = null)
    {
        _state = state;
        _throttle = throttle ?? PollVoteThrottle.Default;
        _tally = PollTally.Count(state.Definition?.Options.Count ?? 0, state.Votes.Values);
    }

    public PollState State => _state;

    public bool Exists => _state.PollId is not null && _state.Definition is not null;

    public string PollId => _state.PollId ?? throw NotFound("?");

    public PollDraft Definition => _state.Definition ?? throw NotFound(_state.PollId ?? "?");

    public PollStatus Status => _state.Status;

    public int Version => _state.Version;

    /// <summary>Open and past its closing time: the reminder (or the next vote) closes it.</summary>
    public bool IsCloseDue(DateTimeOffset now) => Exists && Status == PollStatus.Open && now >= Definition.ClosesAt;

    public PollResults Results => _tally.ToResults();

    private RecentKeys<string> HandledBallots => RecentKeys<string>.InArrivalOrder(_state.HandledBallots, HandledBallotsKept);

    /// <summary>Creates the draft or edits it. Returns false when the draft is already exactly this (a retried save).</summary>
    public bool SaveDraft(string pollId, PollDraft draft, Actor actor, DateTimeOffset now, RegionCatalog regions, Func<string, bool> isKnownAgency)
    {
        now = Stored(now);
        if (Exists)
        {
            RequireManager(actor);
            if (Status != PollStatus.Draft)
            {
                throw new PollRuleViolation(PollRuleViolation.IllegalTransition, $"Poll {pollId} is {Status}: only a draft can be edited.");
            }
        }
        else if (!PollIds.IsWellFormed(pollId))
        {
            throw new PollRuleViolation(PollRuleViolation.MalformedId, "A poll ID is 1–16 letters, digits, '-' or '_'.");
        }

        draft = Clean(draft);
        if (!PollAccess.MayManage(draft.AgencyCode, actor))
        {
            throw new PollRuleViolation(PollRuleViolation.Forbidden, $"{actor.Kind} {actor.Id} may not create polls for agency '{draft.AgencyCode}'.");
        }

        var errors = Validate(draft, regions);
        if (errors.Count > 0)
        {
            throw new PollRuleViolation(PollRuleViolation.Invalid, string.Join(" ", errors));
        }

        if (!isKnownAgency(draft.AgencyCode))
        {
            throw new PollRuleViolation(PollRuleViolation.UnknownAgency, $"No agency has the code '{draft.AgencyCode}'.");
        }

        if (Exists && SameDraft(Definition, draft))
        {
            return false;
        }

        if (!Exists)
        {
            _state.PollId = pollId;
            _state.CreatedAt = now;
            _state.Status = PollStatus.Draft;
        }

        _state.Definition = draft;
        _tally = PollTally.Count(draft.Options.Count, _state.Votes.Values);
        Changed(now);
        return true;
    }

    /// <summary>Publishes the draft. Opening an open poll again changes nothing (a retried command); a closed poll stays closed.</summary>
    public bool Open(Actor actor, DateTimeOffset now)
    {
        now = Stored(now);
        RequireExisting();
        RequireManager(actor);
        switch (Status)
        {
            case PollStatus.Open:
                return false;
            case PollStatus.Closed:
                throw new PollRuleViolation(PollRuleViolation.IllegalTransition, $"Poll {PollId} is closed: it cannot be opened again.");
        }

        if (Definition.ClosesAt <= now)
        {
            throw new PollRuleViolation(PollRuleViolation.Invalid, $"Poll {PollId} closes at {Definition.ClosesAt:O}, which has passed: move the closing time first.");
        }

        _state.Status = PollStatus.Open;
        _state.OpenedAt = now;
        Changed(now);
        return true;
    }

    /// <summary>Closes an open poll now. Closing a closed poll changes nothing; a draft is not closed but left (or deleted by not opening it).</summary>
    public bool Close(Actor actor, DateTimeOffset now)
    {
        now = Stored(now);
        RequireExisting();
        RequireManager(actor);
        switch (Status)
        {
            case PollStatus.Closed:
                return false;
            case PollStatus.Draft:
                throw new PollRuleViolation(PollRuleViolation.IllegalTransition, $"Poll {PollId} is a draft: only an open poll can be closed.");
        }

        _state.Status = PollStatus.Closed;
        _state.ClosedAt = now;
        Changed(now);
        return true;
    }

    /// <summary>Counts, changes or refuses one ballot. Only <see cref="VoteOutcome.Counted"/> and <see cref="VoteOutcome.Changed"/> change the state.</summary>
    public VoteOutcome Vote(Ballot ballot, DateTimeOffset now)
    {
        if (!Exists || Status == PollStatus.Draft)
        {
            return VoteOutcome.Unknown;
        }

        if (HandledBallots.Contains(ballot.BallotId))
        {
            return VoteOutcome.Unchanged;
        }

        if (Status == PollStatus.Closed || now >= Definition.ClosesAt)
        {
            return VoteOutcome.Closed;
        }

        if (now < Definition.OpensAt)
        {
            return VoteOutcome.NotOpenYet;
        }

        if (ballot.OptionIndex < 0 || ballot.OptionIndex >= Definition.Options.Count)
        {
            return VoteOutcome.InvalidOption;
        }

        if (!IsInAudience(ballot.Voter))
        {
            return VoteOutcome.NotInAudience;
        }

        if (_state.Votes.TryGetValue(ballot.Voter.Key, out var current))
        {
            if (current.Option == ballot.OptionIndex)
            {
                return VoteOutcome.Unchanged;
            }

            current.RecentChanges.RemoveAll(at => at <= now - _throttle.Window);
            if (current.RecentChanges.Count >= _throttle.MaxChanges)
            {
                return VoteOutcome.Throttled;
            }

            _tally.Remove(current);
            Record(current, ballot);
            current.RecentChanges.Add(now);
            _tally.Add(current);
            Handled(ballot, now);
            return VoteOutcome.Changed;
        }

        var vote = Record(new RecordedVote(), ballot);
        _state.Votes[ballot.Voter.Key] = vote;
        _tally.Add(vote);
        Handled(ballot, now);
        return VoteOutcome.Counted;
    }

    /// <summary>
    /// One person, one vote, also across a link made after voting: a vote the chat cast under its own key before it was linked
    /// to a verified number becomes the person's, or is dropped when the person already voted from another channel. True
    /// when the votes changed.
    /// </summary>
    public bool MergeLinkedVote(Voter voter)
    {
        if (!Exists || Status != PollStatus.Open || voter.ChatKey is not { } chatKey || chatKey == voter.Key || !_state.Votes.Remove(chatKey, out var earlier))
        {
            return false;
        }

        if (_state.Votes.ContainsKey(voter.Key))
        {
            _tally.Remove(earlier);
        }
        else
        {
            _state.Votes[voter.Key] = earlier;
        }

        return true;
    }

    public int? VoteOf(string voterKey) => _state.Votes.TryGetValue(voterKey, out var vote) ? vote.Option : null;

    public bool IsInAudience(Voter voter)
    {
        if (string.IsNullOrWhiteSpace(voter.Key))
        {
            return false;
        }

        var audience = Definition.Audience;
        return audience.Kind switch
        {
            PollAudienceKind.OptedIn => true,
            PollAudienceKind.Regions => voter.RegionCode is { } region && (audience.RegionCodes ?? []).Any(code => IsWithin(region, code)),
            PollAudienceKind.AgencyReporters => (voter.ReportedToAgencies ?? []).Contains(Definition.AgencyCode, StringComparer.OrdinalIgnoreCase),
            _ => false,
        };
    }

    public PollView View(bool withResults) =>
        new(PollId, Definition, Status, _state.ClosedAt, withResults ? Results : null, Version);

    public PollIndexEntry ToIndexEntry() => new(
        PollId, Version, Definition.AgencyCode, Status, Definition.Question, Definition.OpensAt, Definition.ClosesAt,
        _state.ClosedAt, Definition.Audience, Definition.ResultsBeforeClose, Results, _state.UpdatedAt);

    /// <summary>A regency/city code ("73.71") is within its province's ("73"); a code is within itself.</summary>
    public static bool IsWithin(string regionCode, string audienceCode) =>
        string.Equals(regionCode, audienceCode, StringComparison.Ordinal)
        || regionCode.StartsWith(audienceCode + ".", StringComparison.Ordinal);

    /// <summary>Trims the texts, drops a blank explanation and keeps region codes only for a regional audience.</summary>
    public static PollDraft Clean(PollDraft draft) => draft with
    {
        AgencyCode = (draft.AgencyCode ?? "").Trim(),
        Question = (draft.Question ?? "").Trim(),
        Options = (draft.Options ?? []).Select(o => (o ?? "").Trim()).ToArray(),
        OpensAt = Stored(draft.OpensAt),
        ClosesAt = Stored(draft.ClosesAt),
        Explanation = string.IsNullOrWhiteSpace(draft.Explanation) ? null : draft.Explanation.Trim(),
        Audience = Clean(draft.Audience ?? new PollAudience(PollAudienceKind.OptedIn)),
    };

    /// <summary>Instants as the query table keeps them (PostgreSQL: microseconds), so the table and the grain agree exactly.</summary>
    public static DateTimeOffset Stored(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % 10));

    private static PollAudience Clean(PollAudience audience) => audience.Kind == PollAudienceKind.Regions
        ? audience with { RegionCodes = (audience.RegionCodes ?? []).Select(c => (c ?? "").Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToArray() }
        : audience with { RegionCodes = null };

    /// <summary>What is wrong with a (cleaned) draft, in words an officer can act on; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(PollDraft draft, RegionCatalog regions)
    {
        var errors = new List<string>();
        if (draft.AgencyCode.Length == 0)
        {
            errors.Add("The agency is required.");
        }

        if (draft.Question.Length == 0)
        {
            errors.Add("The question is required.");
        }
        else if (draft.Question.Length > MaxQuestionLength)
        {
            errors.Add($"The question is at most {MaxQuestionLength} characters.");
        }

        if (draft.Explanation?.Length > MaxExplanationLength)
        {
            errors.Add($"The explanation is at most {MaxExplanationLength} characters.");
        }

        if (draft.Options.Count is < MinOptions or > MaxOptions)
        {
            errors.Add($"A poll has {MinOptions} to {MaxOptions} options.");
        }

        if (draft.Options.Any(o => o.Length == 0))
        {
            errors.Add("An option cannot be blank.");
        }

        if (draft.Options.Any(o => o.Length > MaxOptionLength))
        {
            errors.Add($"Each option is at most {MaxOptionLength} characters.");
        }

        if (draft.Options.Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Count() != draft.Options.Count(o => o.Length > 0))
        {
            errors.Add("The options must differ from each other.");
        }

        if (draft.ClosesAt <= draft.OpensAt)
        {
            errors.Add("The closing time must be after the opening time.");
        }

        if (!Enum.IsDefined(draft.Audience.Kind))
        {
            errors.Add("Unknown audience.");
        }
        else if (draft.Audience.Kind == PollAudienceKind.Regions)
        {
            var codes = draft.Audience.RegionCodes ?? [];
            if (codes.Count == 0)
            {
                errors.Add("A regional poll needs at least one province or regency/city.");
            }

            foreach (var unknown in codes.Where(c => !regions.Contains(c)))
            {
                errors.Add($"No region has the code '{unknown}'.");
            }
        }

        return errors;
    }

    private static bool SameDraft(PollDraft a, PollDraft b) =>
        a with { Options = [], Audience = a.Audience with { RegionCodes = null } } == b with { Options = [], Audience = b.Audience with { RegionCodes = null } }
        && a.Options.SequenceEqual(b.Options, StringComparer.Ordinal)
        && a.Audience.Kind == b.Audience.Kind
        && (a.Audience.RegionCodes ?? []).SequenceEqual(b.Audience.RegionCodes ?? [], StringComparer.Ordinal);

    private static RecordedVote Record(RecordedVote vote, Ballot ballot)
    {
        vote.Option = ballot.OptionIndex;
        vote.Channel = string.IsNullOrWhiteSpace(ballot.Voter.Channel) ? UnknownChannel : ballot.Voter.Channel;
        vote.RegionCode = ballot.Voter.RegionCode;
        vote.CastAt = ballot.CastAt;
        return vote;
    }

    private void Handled(Ballot ballot, DateTimeOffset now)
    {
        if (!string.IsNullOrEmpty(ballot.BallotId))
        {
            HandledBallots.Remember(ballot.BallotId);
        }

        Changed(now);
    }

    private void Changed(DateTimeOffset now)
    {
        _state.Version++;
        _state.UpdatedAt = Stored(now);
    }

    private void RequireExisting()
    {
        if (!Exists)
        {
            throw NotFound(_state.PollId ?? "?");
        }
    }

    private void RequireManager(Actor actor)
    {
        if (!PollAccess.MayManage(Definition.AgencyCode, actor))
        {
            throw new PollRuleViolation(PollRuleViolation.Forbidden, $"{actor.Kind} {actor.Id} may not manage poll {PollId} of agency '{Definition.AgencyCode}'.");
        }
    }

    private static PollRuleViolation NotFound(string pollId) => new(PollRuleViolation.NotFound, $"No poll {pollId}.");
}
