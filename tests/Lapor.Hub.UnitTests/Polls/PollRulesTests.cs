using Lapor.Hub.Polls;
using Lapor.Hub.Reports;
using static Lapor.Hub.Tests.Polls.PollFixtures;

namespace Lapor.Hub.Tests.Polls;

/// <summary>The poll's domain rules without a silo: what a valid poll is, its transitions, who may manage it, and how ballots count.</summary>
public class PollRulesTests
{
    [Fact]
    public void A_valid_draft_is_saved_trimmed_as_a_draft()
    {
        var poll = new Poll(new PollState());
        var draft = Draft() with { Question = "  Setuju?  ", Options = [" Ya ", "Tidak"], Explanation = "   " };

        Assert.True(poll.SaveDraft("abc123", draft, Officer, Now, Catalog, _ => true));

        Assert.Equal(PollStatus.Draft, poll.Status);
        Assert.Equal("Setuju?", poll.Definition.Question);
        Assert.Equal(["Ya", "Tidak"], poll.Definition.Options);
        Assert.Null(poll.Definition.Explanation);
        Assert.Equal(1, poll.Version);
    }

    [Fact]
    public void Saving_the_same_draft_again_changes_nothing()
    {
        var poll = Drafted();
        var version = poll.Version;

        Assert.False(poll.SaveDraft(poll.PollId, Draft(), Officer, Now, Catalog, _ => true));
        Assert.Equal(version, poll.Version);
    }

    public static TheoryData<string, PollDraft> InvalidDrafts => new()
    {
        { "one option", Draft(options: 1) },
        { "eleven options", Draft(options: 11) },
        { "a blank option", Draft() with { Options = ["Ya", "  "] } },
        { "the same option twice", Draft() with { Options = ["Ya", "ya "] } },
        { "a long option", Draft() with { Options = ["Ya", new string('x', 101)] } },
        { "a blank question", Draft() with { Question = " " } },
        { "a long question", Draft() with { Question = new string('x', 301) } },
        { "a long explanation", Draft() with { Explanation = new string('x', 1_001) } },
        { "closing before opening", Draft() with { ClosesAt = Now.AddMinutes(-1) } },
        { "closing at the opening", Draft() with { ClosesAt = Now } },
        { "a regional audience without regions", Draft(new PollAudience(PollAudienceKind.Regions, [])) },
        { "an unknown region", Draft(new PollAudience(PollAudienceKind.Regions, ["73", "99.99"])) },
    };

    [Theory]
    [MemberData(nameof(InvalidDrafts))]
    public void An_invalid_draft_is_refused(string why, PollDraft draft)
    {
        var poll = new Poll(new PollState());

        var refused = Assert.Throws<PollRuleViolation>(() => poll.SaveDraft("abc123", draft, Officer, Now, Catalog, _ => true));

        Assert.True(refused.Code == PollRuleViolation.Invalid, why);
        Assert.False(poll.Exists);
    }

    [Fact]
    public void Ten_options_of_a_hundred_characters_and_limits_at_the_edge_are_valid()
    {
        var draft = Draft() with
        {
            Options = Enumerable.Range(0, 10).Select(i => new string((char)('a' + i), 100)).ToArray(),
            Question = new string('q', 300),
            Explanation = new string('e', 1_000),
            Audience = new PollAudience(PollAudienceKind.Regions, ["73", "31.71"]),
        };

        Assert.Empty(Poll.Validate(Poll.Clean(draft), Catalog));
    }

    [Fact]
    public void An_unknown_agency_is_refused()
    {
        var refused = Assert.Throws<PollRuleViolation>(() =>
            new Poll(new PollState()).SaveDraft("abc123", Draft(), Admin, Now, Catalog, _ => false));

        Assert.Equal(PollRuleViolation.UnknownAgency, refused.Code);
    }

    [Fact]
    public void A_malformed_poll_id_is_refused()
    {
        var refused = Assert.Throws<PollRuleViolation>(() =>
            new Poll(new PollState()).SaveDraft("no spaces/or slashes", Draft(), Admin, Now, Catalog, _ => true));

        Assert.Equal(PollRuleViolation.MalformedId, refused.Code);
    }

    [Fact]
    public void An_officer_cannot_create_edit_open_or_close_another_agencys_poll()
    {
        var create = Assert.Throws<PollRuleViolation>(() =>
            new Poll(new PollState()).SaveDraft("abc123", Draft(), OtherOfficer, Now, Catalog, _ => true));
        var poll = Drafted();
        var edit = Assert.Throws<PollRuleViolation>(() => poll.SaveDraft(poll.PollId, Draft() with { Question = "Lain?" }, OtherOfficer, Now, Catalog, _ => true));
        var open = Assert.Throws<PollRuleViolation>(() => poll.Open(OtherOfficer, Now));
        poll.Open(Officer, Now);
        var close = Assert.Throws<PollRuleViolation>(() => poll.Close(OtherOfficer, Now));
        var citizen = Assert.Throws<PollRuleViolation>(() => poll.Close(Actor.Citizen("c"), Now));

        Assert.All(new[] { create, edit, open, close, citizen }, v => Assert.Equal(PollRuleViolation.Forbidden, v.Code));
        Assert.Equal(PollStatus.Open, poll.Status);
    }

    [Fact]
    public void An_officer_cannot_move_their_draft_to_another_agency()
    {
        var poll = Drafted();

        var refused = Assert.Throws<PollRuleViolation>(() =>
            poll.SaveDraft(poll.PollId, Draft() with { AgencyCode = "KEMENKES" }, Officer, Now, Catalog, _ => true));

        Assert.Equal(PollRuleViolation.Forbidden, refused.Code);
        Assert.Equal(Agency, poll.Definition.AgencyCode);
    }

    [Fact]
    public void Admins_manage_any_agencys_poll()
    {
        var poll = Drafted();

        poll.SaveDraft(poll.PollId, Draft() with { Question = "Diubah admin?" }, Admin, Now, Catalog, _ => true);
        poll.Open(Admin, Now);
        poll.Close(Admin, Now.AddHours(1));

        Assert.Equal(PollStatus.Closed, poll.Status);
    }

    [Fact]
    public void Only_a_draft_can_be_edited_or_opened_and_only_an_open_poll_closed()
    {
        var poll = Drafted();
        Assert.Equal(PollRuleViolation.IllegalTransition, Assert.Throws<PollRuleViolation>(() => poll.Close(Officer, Now)).Code);

        Assert.True(poll.Open(Officer, Now));
        Assert.False(poll.Open(Officer, Now)); // a retried Open
        Assert.Equal(PollRuleViolation.IllegalTransition,
            Assert.Throws<PollRuleViolation>(() => poll.SaveDraft(poll.PollId, Draft(), Officer, Now, Catalog, _ => true)).Code);

        Assert.True(poll.Close(Officer, Now.AddHours(1)));
        var version = poll.Version;
        Assert.False(poll.Close(Officer, Now.AddHours(2)));
        Assert.Equal(version, poll.Version);
        Assert.Equal(Now.AddHours(1), poll.View(false).ClosedAt);
        Assert.Equal(PollRuleViolation.IllegalTransition, Assert.Throws<PollRuleViolation>(() => poll.Open(Officer, Now)).Code);
    }

    [Fact]
    public void A_poll_whose_closing_time_passed_cannot_be_opened()
    {
        var poll = Drafted();

        var refused = Assert.Throws<PollRuleViolation>(() => poll.Open(Officer, Now.AddDays(8)));

        Assert.Equal(PollRuleViolation.Invalid, refused.Code);
        Assert.Equal(PollStatus.Draft, poll.Status);
    }

    [Fact]
    public void Commands_on_a_poll_that_does_not_exist_are_refused()
    {
        var poll = new Poll(new PollState());

        Assert.Equal(PollRuleViolation.NotFound, Assert.Throws<PollRuleViolation>(() => poll.Open(Admin, Now)).Code);
        Assert.Equal(PollRuleViolation.NotFound, Assert.Throws<PollRuleViolation>(() => poll.Close(Admin, Now)).Code);
        Assert.Equal(VoteOutcome.Unknown, poll.Vote(Ballot(Voter("phone:62811"), 0), Now));
    }

    [Fact]
    public void A_draft_takes_no_votes()
    {
        Assert.Equal(VoteOutcome.Unknown, Drafted().Vote(Ballot(Voter("phone:62811"), 0), Now));
    }

    [Fact]
    public void A_double_tap_and_a_redelivered_ballot_count_once()
    {
        var poll = Opened();
        var voter = Voter("phone:62811");

        Assert.Equal(VoteOutcome.Counted, poll.Vote(Ballot(voter, 1, "m-1"), Now));
        Assert.Equal(VoteOutcome.Unchanged, poll.Vote(Ballot(voter, 1, "m-2"), Now));
        Assert.Equal(VoteOutcome.Unchanged, poll.Vote(Ballot(voter, 1, "m-1"), Now));

        Assert.Equal([0, 1, 0], poll.Results.ByOption);
        Assert.Equal(1, poll.VoteOf("phone:62811"));
    }

    [Fact]
    public void A_changed_vote_moves_the_count_and_a_redelivered_old_ballot_does_not_move_it_back()
    {
        var poll = Opened();
        var voter = Voter("phone:62811");
        poll.Vote(Ballot(voter, 0, "m-1"), Now);

        Assert.Equal(VoteOutcome.Changed, poll.Vote(Ballot(voter with { Channel = "web" }, 2, "m-2"), Now.AddMinutes(1)));
        Assert.Equal(VoteOutcome.Unchanged, poll.Vote(Ballot(voter, 0, "m-1"), Now.AddMinutes(2)));

        Assert.Equal([0, 0, 1], poll.Results.ByOption);
        Assert.Equal("web=0,0,1", Flatten(poll.Results.ByChannel));
        Assert.Equal(2, poll.VoteOf("phone:62811"));
    }

    [Fact]
    public void One_person_votes_once_across_linked_channels()
    {
        var poll = Opened();

        poll.Vote(Ballot(Voter("phone:62811", "whatsapp"), 0), Now);
        Assert.Equal(VoteOutcome.Unchanged, poll.Vote(Ballot(Voter("phone:62811", "sms"), 0), Now));

        Assert.Equal(1, poll.Results.Total);
    }

    [Fact]
    public void A_chats_vote_before_it_was_linked_to_a_phone_stays_one_vote_after_the_link()
    {
        var poll = Opened();
        poll.Vote(Ballot(Voter("chat:telegram:123", "telegram"), 0), Now);

        var linked = Voter("phone:62811", "telegram") with { ChatKey = "chat:telegram:123" };
        Assert.True(poll.MergeLinkedVote(linked));
        Assert.Equal(VoteOutcome.Changed, poll.Vote(Ballot(linked, 1), Now));

        Assert.Equal([0, 1, 0], poll.Results.ByOption);
        Assert.Null(poll.VoteOf("chat:telegram:123"));
    }

    [Fact]
    public void Votes_from_a_chat_and_from_the_phone_it_is_then_linked_to_count_once()
    {
        var poll = Opened();
        poll.Vote(Ballot(Voter("phone:62811", "sms"), 2), Now);
        poll.Vote(Ballot(Voter("chat:telegram:123", "telegram"), 0), Now);
        Assert.Equal(2, poll.Results.Total);

        var linked = Voter("phone:62811", "telegram") with { ChatKey = "chat:telegram:123" };
        Assert.True(poll.MergeLinkedVote(linked));
        Assert.Equal(VoteOutcome.Unchanged, poll.Vote(Ballot(linked, 2), Now));

        Assert.Equal([0, 0, 1], poll.Results.ByOption);
        Assert.False(poll.MergeLinkedVote(linked));
    }

    [Fact]
    public void Votes_outside_the_window_are_refused()
    {
        var poll = Opened(Draft() with { OpensAt = Now.AddHours(1), ClosesAt = Now.AddHours(2) });
        var voter = Voter("phone:62811");

        Assert.Equal(VoteOutcome.NotOpenYet, poll.Vote(Ballot(voter, 0), Now));
        Assert.Equal(VoteOutcome.Counted, poll.Vote(Ballot(voter, 0), Now.AddHours(1)));
        Assert.Equal(VoteOutcome.Closed, poll.Vote(Ballot(voter, 1), Now.AddHours(2)));
        Assert.True(poll.IsCloseDue(Now.AddHours(2)));
        poll.Close(Actor.System, Now.AddHours(2));
        Assert.Equal(VoteOutcome.Closed, poll.Vote(Ballot(Voter("phone:62822"), 1), Now.AddHours(2)));

        Assert.Equal([1, 0, 0], poll.Results.ByOption);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public void An_option_out_of_range_is_refused(int option)
    {
        var poll = Opened();

        Assert.Equal(VoteOutcome.InvalidOption, poll.Vote(Ballot(Voter("phone:62811"), option), Now));
        Assert.Equal(0, poll.Results.Total);
    }

    [Fact]
    public void A_regional_poll_counts_voters_in_its_provinces_and_their_regencies_only()
    {
        var poll = Opened(Draft(new PollAudience(PollAudienceKind.Regions, ["73", "31.71"])));

        Assert.Equal(VoteOutcome.Counted, poll.Vote(Ballot(Voter("a", region: "73"), 0), Now));
        Assert.Equal(VoteOutcome.Counted, poll.Vote(Ballot(Voter("b", region: "73.71"), 0), Now));
        Assert.Equal(VoteOutcome.Counted, poll.Vote(Ballot(Voter("c", region: "31.71"), 1), Now));
        Assert.Equal(VoteOutcome.NotInAudience, poll.Vote(Ballot(Voter("d", region: "31.72"), 0), Now));
        Assert.Equal(VoteOutcome.NotInAudience, poll.Vote(Ballot(Voter("e", region: "31"), 0), Now));
        Assert.Equal(VoteOutcome.NotInAudience, poll.Vote(Ballot(Voter("f", region: "7"), 0), Now));
        Assert.Equal(VoteOutcome.NotInAudience, poll.Vote(Ballot(Voter("g", region: null), 0), Now));

        Assert.Equal("31.71=0,1,0;73=1,0,0;73.71=1,0,0", Flatten(poll.Results.ByRegion));
    }

    [Fact]
    public void An_agency_reporters_poll_counts_only_citizens_who_reported_to_the_agency()
    {
        var poll = Opened(Draft(new PollAudience(PollAudienceKind.AgencyReporters)));

        Assert.Equal(VoteOutcome.Counted, poll.Vote(Ballot(Voter("a", agencies: [Agency.ToLowerInvariant()]), 0), Now));
        Assert.Equal(VoteOutcome.NotInAudience, poll.Vote(Ballot(Voter("b", agencies: ["KEMENKES"]), 0), Now));
        Assert.Equal(VoteOutcome.NotInAudience, poll.Vote(Ballot(Voter("c"), 0), Now));
        Assert.Equal(VoteOutcome.NotInAudience, poll.Vote(Ballot(Voter(" ", agencies: [Agency]), 0), Now));
    }

    [Fact]
    public void Too_many_changes_in_the_window_are_throttled_and_not_counted_until_it_passes()
    {
        var poll = Opened(throttle: new PollVoteThrottle(2, TimeSpan.FromMinutes(10)));
        var voter = Voter("phone:62811");
        poll.Vote(Ballot(voter, 0), Now);

        Assert.Equal(VoteOutcome.Changed, poll.Vote(Ballot(voter, 1), Now.AddMinutes(1)));
        Assert.Equal(VoteOutcome.Changed, poll.Vote(Ballot(voter, 2), Now.AddMinutes(2)));
        var throttled = Ballot(voter, 0, "m-throttled");
        Assert.Equal(VoteOutcome.Throttled, poll.Vote(throttled, Now.AddMinutes(3)));
        Assert.Equal(VoteOutcome.Unchanged, poll.Vote(Ballot(voter, 2), Now.AddMinutes(3)));
        Assert.Equal([0, 0, 1], poll.Results.ByOption);

        // Eleven minutes after the first change one slot is free again; the throttled ballot was not remembered as handled.
        Assert.Equal(VoteOutcome.Changed, poll.Vote(throttled, Now.AddMinutes(11).AddSeconds(1)));
        Assert.Equal([1, 0, 0], poll.Results.ByOption);
        Assert.Equal(VoteOutcome.Throttled, poll.Vote(Ballot(voter, 1), Now.AddMinutes(11).AddSeconds(2)));
        // The throttle is per citizen: another one is not held back.
        Assert.Equal(VoteOutcome.Counted, poll.Vote(Ballot(Voter("phone:62822"), 1), Now.AddMinutes(11).AddSeconds(3)));
    }

    [Fact]
    public void The_default_throttle_allows_five_changes_in_ten_minutes()
    {
        var poll = Opened();
        var voter = Voter("phone:62811");
        poll.Vote(Ballot(voter, 0), Now);

        var outcomes = Enumerable.Range(1, 6).Select(i => poll.Vote(Ballot(voter, i % 3), Now.AddSeconds(i))).ToArray();

        Assert.Equal(Enumerable.Repeat(VoteOutcome.Changed, 5).Append(VoteOutcome.Throttled), outcomes);
        Assert.Equal(1, poll.Results.Total);
    }

    [Fact]
    public void Tallies_rebuilt_from_stored_votes_equal_the_live_ones()
    {
        var poll = Opened();
        poll.Vote(Ballot(Voter("a", "telegram", "73.71"), 0), Now);
        poll.Vote(Ballot(Voter("b", "web", null), 1), Now);
        poll.Vote(Ballot(Voter("a", "whatsapp", "73.71"), 2), Now);

        var reloaded = new Poll(poll.State);

        AssertSameResults(poll.Results, reloaded.Results);
        Assert.Equal([0, 1, 1], reloaded.Results.ByOption);
        Assert.Equal($"73.71=0,0,1;{PollTally.UnknownRegion}=0,1,0", Flatten(reloaded.Results.ByRegion));
    }

    [Fact]
    public void Poll_ids_are_short_url_safe_and_distinct()
    {
        var ids = Enumerable.Range(0, 1_000).Select(_ => PollIds.New()).ToArray();

        Assert.All(ids, id => Assert.True(PollIds.IsWellFormed(id) && id.Length <= PollIds.MaxLength && Uri.EscapeDataString(id) == id, id));
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_public_sees_results_only_when_the_poll_shows_them_or_it_closed()
    {
        Assert.False(PollAccess.CanSee(PollStatus.Draft, Agency, null));
        Assert.False(PollAccess.CanSee(PollStatus.Draft, Agency, OtherOfficer));
        Assert.True(PollAccess.CanSee(PollStatus.Draft, Agency, Officer));
        Assert.True(PollAccess.CanSee(PollStatus.Open, Agency, null));
        Assert.False(PollAccess.SeesResults(PollStatus.Open, resultsBeforeClose: false, Agency, null));
        Assert.False(PollAccess.SeesResults(PollStatus.Open, resultsBeforeClose: false, Agency, Actor.Citizen("c")));
        Assert.True(PollAccess.SeesResults(PollStatus.Open, resultsBeforeClose: false, Agency, Officer));
        Assert.True(PollAccess.SeesResults(PollStatus.Open, resultsBeforeClose: true, Agency, null));
        Assert.True(PollAccess.SeesResults(PollStatus.Closed, resultsBeforeClose: false, Agency, null));
    }
}
