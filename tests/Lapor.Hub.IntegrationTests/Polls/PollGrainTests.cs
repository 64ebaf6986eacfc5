using Lapor.Hub.Polls;
using Lapor.Hub.Reports;
using Lapor.Hub.Storage;
using Lapor.Hub.Storage.Polls;
using Lapor.Hub.Tests.Reports;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lapor.Hub.Tests.Polls;

/// <summary>
/// The poll grain in a real silo on real storage (SQLite, and PostgreSQL when LAPOR_TEST_POSTGRES is set): votes, the
/// access rules across the grain boundary, the closing reminder (the test moves business time; nothing calls the
/// handler), a restart, and the query table kept equal to the grain.
/// </summary>
public abstract class PollGrainTests<TCluster>(TCluster fixture) where TCluster : IReportCluster
{
    private const string Agency = "PEMKOT-7371";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly Actor Officer = Actor.Officer("officer-1", Agency);
    private static readonly Actor OtherOfficer = Actor.Officer("officer-2", "KEMENKES");
    private static readonly Actor Admin = Actor.Admin("admin-1");

    [SkippableFact]
    public async Task A_double_tap_counts_once_and_a_change_moves_the_vote_until_the_close()
    {
        fixture.SkipIfUnavailable();
        var poll = await OpenAsync(Draft());
        var citizen = Voter("phone:6281100000001");

        Assert.Equal(VoteOutcome.Counted, (await poll.Vote(Ballot(citizen, 0, "tg-1"))).Outcome);
        Assert.Equal(VoteOutcome.Unchanged, (await poll.Vote(Ballot(citizen, 0, "tg-1"))).Outcome);
        Assert.Equal(VoteOutcome.Unchanged, (await poll.Vote(Ballot(citizen, 0, "tg-2"))).Outcome);
        var changed = await poll.Vote(Ballot(citizen with { Channel = ChannelNames.Web }, 2, "web-1"));

        Assert.Equal(VoteOutcome.Changed, changed.Outcome);
        Assert.Equal([0, 0, 1], changed.Results!.ByOption);
        Assert.Equal(2, await poll.VoteOf(citizen.Key));
        await poll.Close(Officer);
        var late = await poll.Vote(Ballot(citizen, 1, "tg-3"));
        Assert.Equal(VoteOutcome.Closed, late.Outcome);
        Assert.Equal([0, 0, 1], late.Results!.ByOption);
        Assert.Equal(2, await poll.VoteOf(citizen.Key));
    }

    [SkippableFact]
    public async Task Votes_on_a_draft_before_the_opening_and_after_an_early_close_are_refused()
    {
        fixture.SkipIfUnavailable();
        var now = Now();
        var id = PollIds.New();
        var poll = fixture.Cluster.GrainFactory.GetPoll(id);
        await poll.SaveDraft(Draft() with { OpensAt = now.AddHours(1), ClosesAt = now.AddDays(30) }, Officer);
        var citizen = Voter("chat:telegram:1001");

        Assert.Equal(VoteOutcome.Unknown, (await poll.Vote(Ballot(citizen, 0))).Outcome);
        Assert.Equal(VoteOutcome.Unknown, (await fixture.Cluster.GrainFactory.GetPoll(PollIds.New()).Vote(Ballot(citizen, 0))).Outcome);
        await poll.Open(Officer);
        Assert.Equal(VoteOutcome.NotOpenYet, (await poll.Vote(Ballot(citizen, 0))).Outcome);
        var closed = await poll.Close(Officer);
        Assert.Equal(VoteOutcome.Closed, (await poll.Vote(Ballot(citizen, 0))).Outcome);

        Assert.Equal(PollStatus.Closed, closed.Status);
        Assert.Equal(0, closed.Results!.Total);
        Assert.Null(await poll.VoteOf(citizen.Key));
        var row = await EventuallyAsync(() => Queries().FindAsync(id), r => r?.Status == PollStatus.Closed);
        Assert.Equal(closed.ClosedAt, row!.ClosedAt);
    }

    [SkippableFact]
    public async Task Unknown_options_and_citizens_outside_the_audience_are_not_counted()
    {
        fixture.SkipIfUnavailable();
        var poll = await OpenAsync(Draft() with { Audience = new PollAudience(PollAudienceKind.Regions, ["73"]) });

        Assert.Equal(VoteOutcome.InvalidOption, (await poll.Vote(Ballot(Voter("chat:telegram:1", region: "73.71"), 3))).Outcome);
        Assert.Equal(VoteOutcome.InvalidOption, (await poll.Vote(Ballot(Voter("chat:telegram:1", region: "73.71"), -1))).Outcome);
        Assert.Equal(VoteOutcome.NotInAudience, (await poll.Vote(Ballot(Voter("chat:telegram:2", region: "31.71"), 0))).Outcome);
        Assert.Equal(VoteOutcome.NotInAudience, (await poll.Vote(Ballot(Voter("chat:telegram:3", region: null), 0))).Outcome);
        Assert.Equal(VoteOutcome.Counted, (await poll.Vote(Ballot(Voter("chat:telegram:4", region: "73.71"), 1))).Outcome);

        var view = (await poll.Get(null))!;
        Assert.Equal([0, 1, 0], view.Results!.ByOption);
        Assert.Equal(["73.71"], view.Results.ByRegion.Keys);
    }

    [SkippableFact]
    public async Task A_citizen_who_keeps_changing_their_vote_is_throttled_and_not_counted()
    {
        fixture.SkipIfUnavailable();
        var poll = await OpenAsync(Draft());
        var citizen = Voter("phone:6281100000002");
        await poll.Vote(Ballot(citizen, 0));

        var outcomes = new List<VoteOutcome>();
        for (var i = 1; i <= PollVoteThrottle.Default.MaxChanges + 2; i++)
        {
            outcomes.Add((await poll.Vote(Ballot(citizen, i % 3))).Outcome);
        }

        Assert.Equal(Enumerable.Repeat(VoteOutcome.Changed, PollVoteThrottle.Default.MaxChanges).Concat([VoteOutcome.Throttled, VoteOutcome.Throttled]), outcomes);
        Assert.Equal(PollVoteThrottle.Default.MaxChanges % 3, await poll.VoteOf(citizen.Key));
        Assert.Equal(1, (await poll.Get(Admin))!.Results!.Total);
        Assert.Equal(VoteOutcome.Counted, (await poll.Vote(Ballot(Voter("phone:6281100000003"), 0))).Outcome);
    }

    [SkippableFact]
    public async Task Another_agencys_officer_cannot_see_a_draft_nor_edit_open_or_close_the_poll()
    {
        fixture.SkipIfUnavailable();
        var now = Now();
        var poll = fixture.Cluster.GrainFactory.GetPoll(PollIds.New());
        var draft = Draft() with { ResultsBeforeClose = false };

        var create = await Assert.ThrowsAsync<PollRuleViolation>(() => poll.SaveDraft(draft with { AgencyCode = Agency }, OtherOfficer));
        await poll.SaveDraft(draft, Officer);
        Assert.Null(await poll.Get(OtherOfficer));
        Assert.Null(await poll.Get(null));
        Assert.NotNull(await poll.Get(Officer));
        var edit = await Assert.ThrowsAsync<PollRuleViolation>(() => poll.SaveDraft(draft with { Question = "Diubah?" }, OtherOfficer));
        var open = await Assert.ThrowsAsync<PollRuleViolation>(() => poll.Open(OtherOfficer));
        await poll.Open(Officer);
        var close = await Assert.ThrowsAsync<PollRuleViolation>(() => poll.Close(OtherOfficer));

        Assert.All(new[] { create, edit, open, close }, v => Assert.Equal(PollRuleViolation.Forbidden, v.Code));
        var seenByPublic = (await poll.Get(null))!;
        Assert.Equal(PollStatus.Open, seenByPublic.Status);
        Assert.Null(seenByPublic.Results); // this poll hides its results until the close
        Assert.Null((await poll.Get(OtherOfficer))!.Results);
        Assert.NotNull((await poll.Get(Officer))!.Results);
        Assert.Null((await poll.Vote(Ballot(Voter("chat:telegram:77"), 0))).Results);
        Assert.Equal(draft.Question, seenByPublic.Definition.Question);
        Assert.True(now < seenByPublic.Definition.ClosesAt);
    }

    [SkippableFact]
    public async Task The_closing_reminder_closes_the_poll_at_its_closing_time_and_is_then_removed()
    {
        fixture.SkipIfUnavailable();
        var now = Now();
        var id = PollIds.New();
        var poll = await OpenAsync(Draft() with { OpensAt = now, ClosesAt = now.AddHours(2) }, id);
        await poll.Vote(Ballot(Voter("chat:telegram:5"), 1));
        Assert.True(await CountRemindersAsync(id) >= 1);

        fixture.Cluster.JumpTo(now.AddHours(2).AddMinutes(1));
        var closed = await EventuallyAsync(async () => (await poll.Get(null))!, v => v.Status == PollStatus.Closed);

        Assert.Equal([0, 1, 0], closed.Results!.ByOption);
        Assert.True(closed.ClosedAt >= closed.Definition.ClosesAt);
        await EventuallyAsync(() => CountRemindersAsync(id), count => count == 0);
        var row = await EventuallyAsync(() => Queries().FindAsync(id), r => r?.Status == PollStatus.Closed);
        Assert.Equal(closed.Version, row!.Version);
        Assert.Equal(VoteOutcome.Closed, (await poll.Vote(Ballot(Voter("chat:telegram:6"), 0))).Outcome);
    }

    [SkippableFact]
    public async Task An_open_poll_keeps_its_votes_and_closes_by_itself_after_a_restart_of_the_cluster()
    {
        fixture.SkipIfUnavailable();
        var now = Now();
        var id = PollIds.New();
        var poll = await OpenAsync(Draft() with { OpensAt = now, ClosesAt = now.AddDays(3) }, id);
        await poll.Vote(Ballot(Voter("phone:6281100000010"), 2));
        await poll.Vote(Ballot(Voter("chat:telegram:10", ChannelNames.Telegram), 2));
        var before = (await poll.Get(Admin))!;

        await fixture.RestartClusterAsync();
        fixture.Cluster.JumpTo(now.AddMinutes(1)); // the new silos' business clocks start at real time again
        poll = fixture.Cluster.GrainFactory.GetPoll(id);
        var after = (await poll.Get(Admin))!;
        Assert.Equal(before.Version, after.Version);
        Assert.Equal([0, 0, 2], after.Results!.ByOption);
        Assert.Equal(2, await poll.VoteOf("phone:6281100000010"));
        Assert.Equal(VoteOutcome.Unchanged, (await poll.Vote(Ballot(Voter("phone:6281100000010"), 2))).Outcome);

        fixture.Cluster.JumpTo(now.AddDays(3).AddMinutes(1));
        await EventuallyAsync(async () => (await poll.Get(null))!, v => v.Status == PollStatus.Closed);
        await EventuallyAsync(() => CountRemindersAsync(id), count => count == 0);
    }

    [SkippableFact]
    public async Task The_query_table_lists_and_finds_the_poll_with_the_grains_tallies_which_equal_a_recount()
    {
        fixture.SkipIfUnavailable();
        var id = PollIds.New();
        var draftId = PollIds.New();
        await fixture.Cluster.GrainFactory.GetPoll(draftId).SaveDraft(Draft(), Officer);
        var poll = await OpenAsync(Draft(), id);

        // Our own record of what each voter chose, kept only from the outcomes the grain answered.
        var chosen = new Dictionary<string, int>();
        var random = new Random(14);
        string[] channels = [ChannelNames.Telegram, ChannelNames.Web, "whatsapp", "sms"];
        string?[] regions = ["73.71", "73.72", null];
        for (var i = 0; i < 60; i++)
        {
            var voter = Voter($"chat:test:{random.Next(12)}", channels[random.Next(channels.Length)], regions[random.Next(regions.Length)]);
            var option = random.Next(4) - (random.Next(10) == 0 ? 5 : 0);
            var result = await poll.Vote(Ballot(voter, option, $"m-{random.Next(40)}"));
            if (result.Outcome is VoteOutcome.Counted or VoteOutcome.Changed)
            {
                chosen[voter.Key] = option;
            }

            Assert.Equal(chosen.GetValueOrDefault(voter.Key, -1), await poll.VoteOf(voter.Key) ?? -1);
        }

        var grain = (await poll.Get(Admin))!;
        var recount = Enumerable.Range(0, 3).Select(option => chosen.Values.Count(c => c == option)).ToArray();
        Assert.Equal(recount, grain.Results!.ByOption);
        Assert.Equal(chosen.Count, grain.Results.ByChannel.Values.Sum(counts => counts.Sum()));
        Assert.Equal(chosen.Count, grain.Results.ByRegion.Values.Sum(counts => counts.Sum()));

        var row = await EventuallyAsync(() => Queries().FindAsync(id), r => r?.Version == grain.Version);
        Assert.Equal(grain.Results.ByOption, row!.Results.ByOption);
        Assert.Equal(Flatten(grain.Results.ByChannel), Flatten(row.Results.ByChannel));
        Assert.Equal(Flatten(grain.Results.ByRegion), Flatten(row.Results.ByRegion));
        Assert.Equal((Agency, PollStatus.Open, grain.Definition.Question), (row.AgencyCode, row.Status, row.Question));
        Assert.Equal(grain.Definition.ClosesAt, row.ClosesAt);
        Assert.Equal(PollAudienceKind.OptedIn, row.Audience.Kind);

        var open = await Queries().ListAsync(new PollListQuery([PollStatus.Open], Agency, PageSize: PollListQuery.MaxPageSize));
        Assert.Contains(open, e => e.PollId == id);
        Assert.DoesNotContain(open, e => e.PollId == draftId);
        Assert.All(open, e => Assert.Equal((Agency, PollStatus.Open), (e.AgencyCode, e.Status)));
        var drafts = await Queries().ListAsync(new PollListQuery([PollStatus.Draft], PageSize: PollListQuery.MaxPageSize));
        Assert.Contains(drafts, e => e.PollId == draftId);
        var others = await Queries().ListAsync(new PollListQuery(AgencyCode: "KEMENKES", PageSize: PollListQuery.MaxPageSize));
        Assert.DoesNotContain(others, e => e.PollId == id);
        Assert.Null(await Queries().FindAsync(PollIds.New()));
    }

    [SkippableFact]
    public async Task A_lost_query_table_write_is_repaired_when_the_poll_is_next_activated()
    {
        fixture.SkipIfUnavailable();
        var id = PollIds.New();
        var saved = await fixture.Cluster.GrainFactory.GetPoll(id).SaveDraft(Draft(), Officer);
        Assert.NotNull(await Queries().FindAsync(id));

        await DeleteRowAsync(id); // as if the process died between writing the grain state and the query table
        await fixture.RestartClusterAsync();
        Assert.NotNull(await fixture.Cluster.GrainFactory.GetPoll(id).Get(Officer));

        var repaired = await Queries().FindAsync(id);
        Assert.Equal((saved.Version, PollStatus.Draft), (repaired!.Version, repaired.Status));
    }

    [SkippableFact]
    public async Task An_older_version_never_overwrites_a_newer_row()
    {
        fixture.SkipIfUnavailable();
        var id = PollIds.New();
        var now = new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);
        var results = new PollResults([1, 2], new Dictionary<string, IReadOnlyList<int>> { ["web"] = [1, 2] }, new Dictionary<string, IReadOnlyList<int>> { ["73"] = [1, 2] });
        var newer = new PollIndexEntry(id, 5, Agency, PollStatus.Closed, "Setuju?", now, now.AddDays(1), now.AddHours(1),
            new PollAudience(PollAudienceKind.Regions, ["73"]), false, results, now.AddHours(1));

        await ReadModel().UpsertAsync(newer);
        await ReadModel().UpsertAsync(newer with { Version = 4, Status = PollStatus.Open, ClosedAt = null });

        var row = (await Queries().FindAsync(id))!;
        Assert.Equal((5, PollStatus.Closed, newer.ClosedAt), (row.Version, row.Status, row.ClosedAt));
        Assert.Equal(["73"], row.Audience.RegionCodes!);
        Assert.Equal([1, 2], row.Results.ByOption);
        Assert.Equal("73=1,2", Flatten(row.Results.ByRegion));
    }

    private async Task<IPollGrain> OpenAsync(PollDraft draft, string? id = null)
    {
        var poll = fixture.Cluster.GrainFactory.GetPoll(id ?? PollIds.New());
        await poll.SaveDraft(draft, Officer);
        await poll.Open(Officer);
        return poll;
    }

    private PollDraft Draft() => new(
        Agency, "Perlukah jalur sepeda di Jalan Penghibur?", ["Perlu", "Tidak perlu", "Belum tahu"],
        "Pemerintah kota menimbang jalur sepeda baru.", Now(), Now().AddDays(30), ResultsBeforeClose: true,
        new PollAudience(PollAudienceKind.OptedIn));

    private static Voter Voter(string key, string channel = ChannelNames.Telegram, string? region = "73.71") =>
        new(key, channel, region, [Agency]);

    private Ballot Ballot(Voter voter, int option, string? ballotId = null) =>
        new(voter, option, ballotId ?? Guid.NewGuid().ToString("N"), Now());

    private DateTimeOffset Now() => fixture.Cluster.Clocks().First().GetUtcNow();

    private SqlPollReadModel ReadModel() => new(new HubDatabase(fixture.Storage, NullLogger<HubDatabase>.Instance));

    private IPollQueries Queries() => ReadModel();

    private async Task<long> CountRemindersAsync(string pollId)
    {
        await using var connection = await new HubDatabase(fixture.Storage, NullLogger<HubDatabase>.Instance).OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM OrleansRemindersTable WHERE GrainId LIKE @pattern";
        command.Bind("pattern", $"%{pollId}");
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private async Task DeleteRowAsync(string pollId)
    {
        await using var connection = await new HubDatabase(fixture.Storage, NullLogger<HubDatabase>.Instance).OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM poll_index WHERE poll_id = @id";
        command.Bind("id", pollId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static string Flatten(IReadOnlyDictionary<string, IReadOnlyList<int>> buckets) =>
        string.Join(";", buckets.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key}={string.Join(",", b.Value)}"));

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Not reached within {Patience.TotalSeconds} s; last value: {value}");
            await Task.Delay(200);
        }
    }
}

public sealed class SqlitePollGrainTests(SqliteReportCluster fixture)
    : PollGrainTests<SqliteReportCluster>(fixture), IClassFixture<SqliteReportCluster>;

public sealed class PostgresPollGrainTests(PostgresReportCluster fixture)
    : PollGrainTests<PostgresReportCluster>(fixture), IClassFixture<PostgresReportCluster>;
