using System.Globalization;
using System.Net;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Channels.Telegram;

public sealed class TelegramLongPollingTests
{
    [Fact]
    public async Task Long_polling_feeds_the_same_inboxes_as_the_webhook_with_the_same_memory_of_update_ids()
    {
        using var data = new TemporaryDirectory("lapor-telegram-polling");
        using var media = new TemporaryMediaStore();
        await using var api = await FakeTelegramBotApi.StartAsync();
        var handler = new RecordingInboundHandler();
        await using var hub = await TelegramTestHub.StartAsync(api, data.Path, handler, media,
            new Dictionary<string, string?> { ["Telegram:UseLongPolling"] = "true" });
        const long viaWebhook = 9_300_001, polledText = 9_300_002, polledChoice = 9_300_003;

        using (var webhook = hub.Webhook())
        using (var response = await webhook.PostAsync(TelegramUpdates.Text(viaWebhook, "Saluran air tersumbat")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await handler.WaitForAsync(Id(viaWebhook));
        api.QueueUpdate(TelegramUpdates.Text(viaWebhook, "Saluran air tersumbat"));
        api.QueueUpdate(TelegramUpdates.Text(polledText, "di Jalan Kenjeran"));
        api.QueueUpdate(TelegramUpdates.CallbackQuery(polledChoice, "query-polled", "confirm:yes"));

        Assert.Equal("di Jalan Kenjeran", (await handler.WaitForAsync(Id(polledText))).Text);
        Assert.Equal("confirm:yes", (await handler.WaitForAsync(Id(polledChoice))).ChoiceValue);
        Assert.Single(handler.Handled, message => message.MessageId == Id(viaWebhook));
        Assert.Single(api.CallsTo("answerCallbackQuery"), call => call.Parameters["callback_query_id"] == "query-polled");
        Assert.NotEmpty(api.CallsTo("deleteWebhook"));
        var polled = api.CallsTo("getUpdates")[0];
        Assert.Equal("[\"message\",\"callback_query\"]", polled.Parameters["allowed_updates"]);
    }

    private static string Id(long updateId) => updateId.ToString(CultureInfo.InvariantCulture);
}
