using System.Text.RegularExpressions;
using Lapor.Hub.Tests.Channels.Telegram;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Channels.Flow;

/// <summary>The whole hub with its Telegram channel pointed at a local fake Bot API, driven by the real Telegram.Bot client.</summary>
public partial class TelegramHub : InProcessHub
{
    public const string Secret = "flow-webhook-secret_0123456789";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public FakeTelegramBotApi BotApi { get; private set; } = null!;

    public TelegramWebhookPoster Webhook { get; private set; } = null!;

    protected override async Task<IReadOnlyList<string>> ExtraArgumentsAsync()
    {
        BotApi = await FakeTelegramBotApi.StartAsync();
        return
        [
            $"--Telegram:BotToken={FakeTelegramBotApi.Token}",
            $"--Telegram:WebhookSecret={Secret}",
            $"--Telegram:ApiBaseUrl={BotApi.BaseUrl}",
            "--Outbox:FirstRetryDelay=00:00:00.200",
            "--Outbox:MaxRetryDelay=00:00:01",
            .. MoreArguments,
        ];
    }

    /// <summary>Settings a derived hub adds, e.g. limits turned back on.</summary>
    protected virtual IReadOnlyList<string> MoreArguments => [];

    public override async Task DisposeAsync()
    {
        Webhook?.Dispose();
        await base.DisposeAsync();
        await BotApi.DisposeAsync();
    }

    /// <summary>Posts an update and waits until the bot has sent a message to the chat whose text matches.</summary>
    public async Task<FakeBotApiCall> SayAsync(string updateJson, string expectReplyContaining, long chatId)
    {
        Webhook ??= new TelegramWebhookPoster(Settings.BaseAddress, Secret);
        var before = BotApi.Calls.Count;
        var response = await Webhook.PostAsync(updateJson);
        response.EnsureSuccessStatusCode();
        return await DeliveredAsync(expectReplyContaining, chatId, after: before);
    }

    /// <summary>Posts an update without waiting for an answer.</summary>
    public async Task PostAsync(string updateJson)
    {
        Webhook ??= new TelegramWebhookPoster(Settings.BaseAddress, Secret);
        (await Webhook.PostAsync(updateJson)).EnsureSuccessStatusCode();
    }

    /// <summary>Files a report by chatting, as a citizen does (update IDs from <paramref name="firstUpdateId"/> on); returns its tracking ID.</summary>
    public async Task<string> FileInChatAsync(long chatId, long firstUpdateId, string description, bool secret = false)
    {
        var update = firstUpdateId;
        await SayAsync(TelegramUpdates.Text(update++, description, chatId), "Di mana", chatId);
        await SayAsync(TelegramUpdates.Text(update++, "Jl. Kenjeran 100, Surabaya", chatId), "foto", chatId);
        await SayAsync(TelegramUpdates.CallbackQuery(update, $"cb-{update++}", "skip", chatId), "anonim", chatId);
        await SayAsync(TelegramUpdates.CallbackQuery(update, $"cb-{update++}", "no", chatId), "dirahasiakan", chatId);
        await SayAsync(TelegramUpdates.CallbackQuery(update, $"cb-{update++}", secret ? "yes" : "no", chatId), "Ringkasan", chatId);
        return TrackingIdIn(await SayAsync(TelegramUpdates.CallbackQuery(update, $"cb-{update}", "submit", chatId), "Nomor laporan", chatId));
    }

    /// <summary>Waits for a successful sendMessage to <paramref name="chatId"/> whose text contains <paramref name="text"/>.</summary>
    public async Task<FakeBotApiCall> DeliveredAsync(string text, long chatId, int after = 0)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var call = BotApi.Calls.Skip(after).FirstOrDefault(c =>
                c.Method == "sendMessage" && c.Succeeded && c.Parameters["chat_id"] == chatId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && c.Text!.Contains(text, StringComparison.Ordinal));
            if (call is not null)
            {
                return call;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"No message containing '{text}' to {chatId}. Sent: {string.Join(" | ", BotApi.CallsTo("sendMessage").Select(c => c.Text))}");
            await Task.Delay(50);
        }
    }

    public static string TrackingIdIn(FakeBotApiCall call) => TrackingIdPattern().Match(call.Text!).Value;

    [GeneratedRegex("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{3}")]
    private static partial Regex TrackingIdPattern();
}
