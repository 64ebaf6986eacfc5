using System.Globalization;
using Lapor.Hub.Channels.Polls;
using Lapor.Hub.Polls;
using Lapor.Hub.Reports;
using Lapor.Hub.Storage;
using Lapor.Hub.Tests.Channels.Telegram;
using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lapor.Hub.Tests.Durability;

/// <summary>
/// A poll's invitation job to 10,000 opted-in Telegram chats, the real executable killed with SIGKILL halfway and started
/// again: the job resumes from its stored cursor and every chat gets the poll exactly once (counted at the fake Bot API).
/// </summary>
public sealed class PollInvitationKillNineTests
{
    private const string Secret = "poll-kill9-secret_0123456789";
    private const int Citizens = 10_000;
    private const long FirstChat = 9_100_000_000;
    private const string Question = "Setujukah Anda jalur khusus sepeda motor di Jl. Ahmad Yani?";

    [Fact]
    public async Task Killed_halfway_and_restarted_the_invitation_job_invites_every_citizen_exactly_once()
    {
        using var directory = TestDatabases.CreateDirectory("lapor-poll-kill9");
        await using var botApi = await FakeTelegramBotApi.StartAsync();
        var settings = Settings(directory, botApi);

        string pollId;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (var hub = await HubProcess.StartAsync(settings))
        {
            await SeedOptedInAsync(directory.Path);
            pollId = await OpenPollAsync(settings, Actor.Admin("admin-kill9"));
            await WaitForAsync(() => ChatsInvited(botApi) >= Citizens / 2, hub.Output, "half of the citizens invited");
            System.Console.WriteLine($"Half invited after {clock.Elapsed}");

            // Sends in flight settle (or fail) before the kill: what the provider took is what the hub recorded as sent.
            botApi.FailNextSends(1_000_000);
            var failedBefore = botApi.CallsTo("sendMessage").Count(c => !c.Succeeded);
            await WaitForAsync(() => botApi.CallsTo("sendMessage").Count(c => !c.Succeeded) >= failedBefore + 50, hub.Output, "sends failing");
            // A chat's send failing a second time means its retry delay passed since the provider stopped taking messages.
            await WaitForAsync(() => botApi.CallsTo("sendMessage").Where(c => !c.Succeeded).GroupBy(c => c.Parameters["chat_id"]).Any(g => g.Count() > 1),
                hub.Output, "a failed send retried");
            // The embedded database commits writes in arrival order (one writer): once a write made now is stored, every
            // outbox's record of a send the provider took before it stopped is stored too.
            await WriteBarrierAsync(settings);
            await hub.KillHardAsync();
        }

        var invitedBeforeKill = ChatsInvited(botApi);
        Assert.InRange(invitedBeforeKill, Citizens / 2, Citizens - 1);
        botApi.Recover();
        await using var restarted = await HubProcess.StartAsync(settings);
        await WaitForAsync(() => ChatsInvited(botApi) == Citizens, restarted.Output, "every citizen invited");
        var progress = await ProgressAsync(settings, pollId, restarted.Output);
        System.Console.WriteLine($"All {Citizens} invited after {clock.Elapsed} (restart included)");

        var perChat = Invitations(botApi).GroupBy(c => c.Parameters["chat_id"]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Citizens, perChat.Count);
        Assert.All(perChat, chat => Assert.Equal(1, chat.Value));
        Assert.Equal(Citizens, progress.Total);
        Assert.Equal(Citizens, progress.Invited + progress.Skipped);
        Assert.True(progress.Finished);
    }

    private static HubSettings Settings(TemporaryDirectory directory, FakeTelegramBotApi botApi) => new(directory.Path, Extra:
    [
        $"--Telegram:BotToken={FakeTelegramBotApi.Token}",
        $"--Telegram:WebhookSecret={Secret}",
        $"--Telegram:ApiBaseUrl={botApi.BaseUrl}",
        "--Outbox:PerChatInterval:telegram=00:00:00",
        "--Outbox:PerChannelPerSecond:telegram=0",
        "--Outbox:FirstRetryDelay=00:00:00.500",
        "--Outbox:MaxRetryDelay=00:00:01",
        "--Outbox:WakeUpPeriod=00:00:02",
        "--Polls:Invitations:ReminderPeriod=00:00:02",
        "--Silo:Reminders:MinimumReminderPeriod=00:00:01",
        "--Routing:RetrainInterval=00:00:00",
    ]);

    /// <summary>The opt-in register as 10,000 chats that said yes would have left it (set-up: one transaction, not 10,000 dialogs).</summary>
    private static async Task SeedOptedInAsync(string dataDirectory)
    {
        var storage = new HubStorageOptions { Provider = HubStorageProvider.Sqlite, DataDirectory = dataDirectory };
        var database = new HubDatabase(storage, NullLogger<HubDatabase>.Instance);
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = database.Timestamp(DateTimeOffset.UtcNow);
        for (var i = 0; i < Citizens; i++)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO poll_subscribers (address, voter_key, channel, language, region_code, agencies, opted_in, updated_at)
                VALUES (@address, @voter_key, 'telegram', 'id', '35.78', '', 1, @updated_at)
                """;
            var address = $"telegram:{(FirstChat + i).ToString(CultureInfo.InvariantCulture)}";
            insert.Bind("address", address);
            insert.Bind("voter_key", $"chat:{address}");
            insert.Bind("updated_at", now);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        Assert.Equal(Citizens, await new Lapor.Hub.Storage.Polls.SqlPollSubscribers(database).CountAsync(new PollAudience(PollAudienceKind.OptedIn), "PEMKOT-3578"));
    }

    private static async Task<string> OpenPollAsync(HubSettings settings, Actor admin)
    {
        using var client = await ClientAsync(settings);
        var grains = client.Services.GetRequiredService<IGrainFactory>();
        var pollId = PollIds.New();
        var now = DateTimeOffset.UtcNow;
        await grains.GetPoll(pollId).SaveDraft(new PollDraft("PEMKOT-3578", Question, ["Setuju", "Tidak setuju"], null,
            now.AddSeconds(-1), now.AddHours(1), true, new PollAudience(PollAudienceKind.OptedIn)), admin);
        await grains.GetPoll(pollId).Open(admin);
        await client.StopAsync();
        return pollId;
    }

    private static async Task WriteBarrierAsync(HubSettings settings)
    {
        using var client = await ClientAsync(settings);
        var now = DateTimeOffset.UtcNow;
        await client.Services.GetRequiredService<IGrainFactory>().GetPoll(PollIds.New()).SaveDraft(new PollDraft("PEMKOT-3578", "Penanda tulis",
            ["Ya", "Tidak"], null, now.AddHours(1), now.AddHours(2), true, new PollAudience(PollAudienceKind.OptedIn)), Actor.Admin("admin-kill9"));
        await client.StopAsync();
    }

    private static async Task<InvitationProgress> ProgressAsync(HubSettings settings, string pollId, string output)
    {
        using var client = await ClientAsync(settings);
        var job = client.Services.GetRequiredService<IGrainFactory>().GetPollInvitations(pollId);
        InvitationProgress progress = await job.GetProgress();
        await WaitForAsync(() => (progress = job.GetProgress().GetAwaiter().GetResult()).Finished, output, "the job finished");
        await client.StopAsync();
        return progress;
    }

    /// <summary>An Orleans client of the hub's silo (its gateway), standing in for the console that opens polls.</summary>
    private static async Task<IHost> ClientAsync(HubSettings settings)
    {
        var client = new HostBuilder()
            .UseOrleansClient(orleans => orleans.UseLocalhostClustering(settings.GatewayPort, serviceId: "lapor-hub", clusterId: "lapor-hub"))
            .Build();
        await client.StartAsync();
        return client;
    }

    private static IEnumerable<FakeBotApiCall> Invitations(FakeTelegramBotApi botApi) =>
        botApi.CallsTo("sendMessage").Where(c => c.Succeeded && c.Text!.Contains(Question, StringComparison.Ordinal));

    private static int ChatsInvited(FakeTelegramBotApi botApi) => Invitations(botApi).Select(c => c.Parameters["chat_id"]).Distinct().Count();

    private static async Task WaitForAsync(Func<bool> condition, string hubOutput, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(400);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}. Hub output:\n{hubOutput[^Math.Min(hubOutput.Length, 4000)..]}");
            await Task.Delay(200);
        }
    }
}
