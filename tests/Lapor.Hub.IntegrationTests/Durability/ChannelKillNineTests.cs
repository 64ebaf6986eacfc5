using System.Globalization;
using Lapor.Hub.Tests.Channels.Telegram;
using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Durability;

/// <summary>
/// The real executable with its Telegram channel pointed at a local fake Bot API, killed with SIGKILL: messages waiting
/// in the outbox arrive once after the restart, and a conversation goes on from where it was.
/// </summary>
public sealed class ChannelKillNineTests
{
    private const string Secret = "kill9-webhook-secret_0123456789";

    [Fact]
    public async Task Pending_messages_survive_kill_minus_nine_and_arrive_once_after_the_restart()
    {
        const long chat = 8100001;
        using var directory = TestDatabases.CreateDirectory("lapor-outbox-kill9");
        await using var botApi = await FakeTelegramBotApi.StartAsync();
        var settings = Settings(directory, botApi);
        botApi.FailNextSends(10_000);

        await using (var hub = await HubProcess.StartAsync(settings))
        {
            using var webhook = new TelegramWebhookPoster(settings.BaseAddress, Secret);
            (await webhook.PostAsync(TelegramUpdates.Text(1, "Selokan mampet di depan rumah, air meluap setiap hujan deras", chat))).EnsureSuccessStatusCode();
            await WaitForAsync(() => SendsTo(botApi, chat).Any(c => !c.Succeeded), hub.Output);
            await hub.KillHardAsync();
        }

        botApi.Recover();
        await using var restarted = await HubProcess.StartAsync(settings);

        await WaitForAsync(() => SendsTo(botApi, chat).Any(c => c.Succeeded), restarted.Output);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a second delivery, if there were one, would come within the retry delays
        var delivered = Assert.Single(SendsTo(botApi, chat), c => c.Succeeded);
        Assert.Contains("Di mana", delivered.Text);
    }

    [Fact]
    public async Task A_conversation_killed_mid_dialog_goes_on_after_the_restart()
    {
        const long chat = 8100002;
        using var directory = TestDatabases.CreateDirectory("lapor-dialog-kill9");
        await using var botApi = await FakeTelegramBotApi.StartAsync();
        var settings = Settings(directory, botApi);

        await using (var hub = await HubProcess.StartAsync(settings))
        {
            using var webhook = new TelegramWebhookPoster(settings.BaseAddress, Secret);
            await webhook.PostAsync(TelegramUpdates.Text(1, "Pohon tumbang menutup jalan di depan kantor kecamatan sejak pagi", chat));
            await webhook.PostAsync(TelegramUpdates.Text(2, "Jl. Raya Kupang, Surabaya", chat));
            await WaitForAsync(() => SendsTo(botApi, chat).Any(c => c.Succeeded && c.Text!.Contains("foto")), hub.Output);
            await hub.KillHardAsync();
        }

        await using var restarted = await HubProcess.StartAsync(settings);
        using var again = new TelegramWebhookPoster(settings.BaseAddress, Secret);
        await again.PostAsync(TelegramUpdates.CallbackQuery(3, "k-3", "skip", chat));
        await again.PostAsync(TelegramUpdates.CallbackQuery(4, "k-4", "no", chat));
        await again.PostAsync(TelegramUpdates.CallbackQuery(5, "k-5", "yes", chat));
        await WaitForAsync(() => SendsTo(botApi, chat).Any(c => c.Succeeded && c.Text!.Contains("Ringkasan")), restarted.Output);
        await again.PostAsync(TelegramUpdates.CallbackQuery(6, "k-6", "submit", chat));
        await WaitForAsync(() => SendsTo(botApi, chat).Any(c => c.Succeeded && c.Text!.Contains("Nomor laporan")), restarted.Output);

        var summary = SendsTo(botApi, chat).Last(c => c.Text!.Contains("Ringkasan"));
        Assert.Contains("Pohon tumbang menutup jalan", summary.Text);
        Assert.Contains("Jl. Raya Kupang, Surabaya", summary.Text);
    }

    private static HubSettings Settings(TemporaryDirectory directory, FakeTelegramBotApi botApi) => new(directory.Path, Extra:
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

    private static IEnumerable<FakeBotApiCall> SendsTo(FakeTelegramBotApi botApi, long chat) =>
        botApi.CallsTo("sendMessage").Where(c => c.Parameters["chat_id"] == chat.ToString(CultureInfo.InvariantCulture));

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
