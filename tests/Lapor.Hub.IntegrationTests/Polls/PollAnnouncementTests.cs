using System.Collections.Concurrent;
using Lapor.Hub.Agencies;
using Lapor.Hub.Polls;
using Lapor.Hub.Reports;
using Lapor.Hub.Storage;
using Lapor.Hub.Storage.Reports;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Lapor.Hub.Tests.Polls;

/// <summary>
/// The poll tells the channel side when it opens, and again when it is activated while open (after a restart), outside
/// the command's turn: the announcer here reads the poll back through the grain, as an invitation job does, which would
/// deadlock inside the turn. The channel side's real announcer is tested with the invitations.
/// </summary>
public sealed class PollAnnouncementTests(PollAnnouncementTests.Cluster fixture) : IClassFixture<PollAnnouncementTests.Cluster>
{
    private const string Agency = "PEMKOT-7371";
    private static readonly Actor Officer = Actor.Officer("officer-1", Agency);

    [Fact]
    public async Task Opening_announces_the_poll_and_a_restart_announces_it_again()
    {
        var id = PollIds.New();
        var poll = fixture.GrainFactory.GetPoll(id);
        var now = DateTimeOffset.UtcNow;
        await poll.SaveDraft(new PollDraft(Agency, "Setuju?", ["Ya", "Tidak"], null, now, now.AddDays(1), true,
            new PollAudience(PollAudienceKind.OptedIn)), Officer);
        Assert.False(RecordingAnnouncer.ReadBack.ContainsKey(id));

        await poll.Open(Officer);
        await WaitUntilAsync(() => RecordingAnnouncer.Count(id) >= 1);
        Assert.Equal(PollStatus.Open, RecordingAnnouncer.ReadBack[id].Status);

        await fixture.RestartClusterAsync();
        await fixture.GrainFactory.GetPoll(id).VoteOf("phone:628110000099"); // any call activates it
        await WaitUntilAsync(() => RecordingAnnouncer.Count(id) >= 2);

        await fixture.GrainFactory.GetPoll(id).Close(Officer);
        Assert.Equal(PollStatus.Closed, (await fixture.GrainFactory.GetPoll(id).Get(null))!.Status);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The poll was not announced within 30 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Records each announcement with the poll as read back from its grain during the announcement.</summary>
    public sealed class RecordingAnnouncer(IGrainFactory grains) : IPollAnnouncer
    {
        private static readonly ConcurrentDictionary<string, int> Counts = new();

        public static ConcurrentDictionary<string, PollView> ReadBack { get; } = new();

        public static int Count(string pollId) => Counts.GetValueOrDefault(pollId);

        public async Task AnnounceAsync(PollView poll)
        {
            ReadBack[poll.PollId] = (await grains.GetPoll(poll.PollId).Get(null))!;
            Counts.AddOrUpdate(poll.PollId, 1, (_, n) => n + 1);
        }
    }

    public sealed class SiloConfigurator : HubTestSiloConfigurator
    {
        protected override void ConfigureSilo(ISiloBuilder siloBuilder, HubStorageOptions storage)
        {
            siloBuilder.Services.AddHubDomain();
            siloBuilder.Services.AddHubDatabase(storage);
            siloBuilder.Services.AddHubReadModels();
            siloBuilder.Services.AddSingleton<IPollAnnouncer, RecordingAnnouncer>();
        }
    }

    public sealed class Cluster : SqliteHubClusterFixture
    {
        protected override async Task<TestCluster> StartClusterAsync(HubStorageOptions storage)
        {
            var cluster = await HubTestClusters.StartAsync<SiloConfigurator>(storage);
            await cluster.GrainFactory.GetGrain<IAgencyGrain>(Agency).Configure(
                AgencyCatalog.LoadFile(AgencyCatalog.DefaultDataPath).Single(a => a.Code == Agency));
            return cluster;
        }
    }
}
