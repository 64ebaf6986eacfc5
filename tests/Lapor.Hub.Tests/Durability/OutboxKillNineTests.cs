using System.Globalization;
using Lapor.Hub.Tests.Channels.Telegram;
using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Durability;

/// <summary>
/// Messages waiting in the outbox when the hub is killed with SIGKILL are delivered, once, after it starts again.
/// The real executable, its Telegram channel pointed at a local fake Bot API that is down until the restart.
/// </summary>
public sealed class OutboxKillNineTests
{
    private const long Chat = 8100001;
    private const string Secret = "kill9-webhook-secret_0123456789";

    [Fact]
    public async Task Pending_messages_survive_kill_minus_nine_and_arrive_once_after_the_restart()
    {
        using var directory = TestDatabases.CreateDirectory("lapor-outbox-kill9");
        await using var botApi = await FakeTelegramBotApi.StartAsync();
        var settings = new HubSettings(directory.Path, Extra:
        [
            $"--Telegram:BotToken={FakeTelegramBotApi.Token}",
            $"--Telegram:WebhookSecret={Secret}",
            $"--Telegram:ApiBaseUrl={botApi.BaseUrl}",
            "--Outbox:FirstRetryDelay=00:00:00.500",
            "--Outbox:MaxRetryDelay=00:00:01",
            "--Outbox:WakeUpPeriod=00:00:02",
            "--Silo:Reminders:MinimumReminderPeriod=00:00:01",
            "--Routing:RetrainInterval=00:00:00",
        ]);
        botApi.FailNextSends(10_000);

        await using (var hub = await HubProcess.StartAsync(settings))
        {
            using var webhook = new TelegramWebhookPoster(settings.BaseAddress, Secret);
            (await webhook.PostAsync(TelegramUpdates.Text(1, "Selokan mampet di depan rumah, air meluap setiap hujan deras", Chat))).EnsureSuccessStatusCode();
            await WaitForAsync(() => SendsTo(botApi).Any(c => !c.Succeeded), hub.Output);
            await hub.KillHardAsync();
        }

        botApi.Recover();
        await using var restarted = await HubProcess.StartAsync(settings);

        await WaitForAsync(() => SendsTo(botApi).Any(c => c.Succeeded), restarted.Output);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a second delivery, if there were one, would come within the retry delays
        var delivered = Assert.Single(SendsTo(botApi), c => c.Succeeded);
        Assert.Contains("Di mana", delivered.Text);
    }

    private static IEnumerable<FakeBotApiCall> SendsTo(FakeTelegramBotApi botApi) =>
        botApi.CallsTo("sendMessage").Where(c => c.Parameters["chat_id"] == Chat.ToString(CultureInfo.InvariantCulture));

    private static async Task WaitForAsync(Func<bool> condition, string hubOutput)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out. Hub output:\n{hubOutput}");
            await Task.Delay(100);
        }
    }
}
