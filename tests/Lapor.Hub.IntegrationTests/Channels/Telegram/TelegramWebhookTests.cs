using System.Globalization;
using System.Net;
using System.Text;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Channels.Telegram;

namespace Lapor.Hub.Tests.Channels.Telegram;

public sealed class TelegramWebhookTests(TelegramHubFixture fixture) : IClassFixture<TelegramHubFixture>
{
    private readonly long _chat = TelegramHubFixture.NextId();

    private FakeTelegramBotApi Api => fixture.Api;

    private RecordingInboundHandler Handler => fixture.Handler;

    private string Chat => _chat.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_missing_or_forged_secret_token_is_refused_and_nothing_is_recorded()
    {
        var update = Encoding.UTF8.GetBytes(TelegramUpdates.Text(TelegramHubFixture.NextId(), "halo", _chat));
        using var webhook = fixture.Hub.Webhook();

        string?[] forgeries = [null, "", "wrong", TelegramTestHub.Secret[..^1] + "X", TelegramTestHub.Secret + "-and-more"];
        foreach (var forged in forgeries)
        {
            using var response = await webhook.PostAsync(update, forged);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var inbox = await fixture.InboxOf(_chat);
        Assert.Equal(0, inbox.RememberedUpdateIds);
        Assert.DoesNotContain(Handler.Handled, message => message.From.Id == Chat);
    }

    [Fact]
    public async Task A_text_message_reaches_the_conversation_with_its_sender_and_language()
    {
        var updateId = TelegramHubFixture.NextId();

        await PostAsync(TelegramUpdates.Text(updateId, "/start", _chat, languageCode: "en"));

        var message = await Handler.WaitForAsync(Id(updateId));
        Assert.Equal(new ChannelAddress("telegram", Chat), message.From);
        Assert.Equal("/start", message.Text);
        Assert.Equal("en", message.LanguageCode);
        Assert.Equal("Siti Rahayu", message.SenderName);
        Assert.Null(message.Location);
        Assert.Null(message.ChoiceValue);
        Assert.Null(message.Media);
    }

    [Fact]
    public async Task A_shared_location_becomes_the_message_location()
    {
        var updateId = TelegramHubFixture.NextId();

        await PostAsync(TelegramUpdates.Location(updateId, -7.2575, 112.7521, _chat));

        var message = await Handler.WaitForAsync(Id(updateId));
        Assert.Equal(-7.2575, message.Location!.Latitude);
        Assert.Equal(112.7521, message.Location.Longitude);
        Assert.Null(message.Text);
    }

    [Fact]
    public async Task A_photo_is_fetched_in_its_largest_size_downloaded_and_stored()
    {
        var updateId = TelegramHubFixture.NextId();
        var original = Encoding.ASCII.GetBytes($"JPEG bytes of the original photo {updateId}");
        var largest = $"large-{updateId}";
        Api.ServeFile(largest, $"photos/file_{updateId}.jpg", original);
        PhotoSize[] sizes = [new($"small-{updateId}", 90, 68, 1200), new(largest, 1280, 960, 98000), new($"medium-{updateId}", 320, 240, 14000)];

        await PostAsync(TelegramUpdates.Photo(updateId, "Jalan berlubang di depan pasar", sizes, _chat));

        var message = await Handler.WaitForAsync(Id(updateId));
        Assert.Equal("Jalan berlubang di depan pasar", message.Text);
        var stored = Assert.Single(message.Media!);
        Assert.Equal("image/jpeg", stored.ContentType);
        Assert.Equal(original, fixture.Media.Read(stored.Id));
        var getFile = Assert.Single(Api.CallsTo("getFile"), call => call.Parameters["file_id"].EndsWith(updateId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(largest, getFile.Parameters["file_id"]);
    }

    [Fact]
    public async Task A_pdf_document_is_stored_and_another_kind_of_document_is_declined_politely()
    {
        var pdfUpdate = TelegramHubFixture.NextId();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7 surat keterangan");
        Api.ServeFile($"pdf-{pdfUpdate}", $"documents/file_{pdfUpdate}.pdf", pdf);
        var zipUpdate = TelegramHubFixture.NextId();

        await PostAsync(TelegramUpdates.Document(zipUpdate, $"zip-{zipUpdate}", "application/zip", "bukti.zip", _chat));
        await PostAsync(TelegramUpdates.Document(pdfUpdate, $"pdf-{pdfUpdate}", "application/pdf", "surat.pdf", _chat));

        var message = await Handler.WaitForAsync(Id(pdfUpdate));
        var stored = Assert.Single(message.Media!);
        Assert.Equal(("application/pdf", "surat.pdf"), (stored.ContentType, stored.FileName));
        Assert.Equal(pdf, fixture.Media.Read(stored.Id));
        // The notice goes through the outbox, so it may arrive after the next update was handed on.
        var notice = Assert.Single(await SentToAsync(_chat));
        Assert.Equal("Only photos and PDF documents can be attached to a report.", notice.Parameters["text"]);
        Assert.DoesNotContain(Handler.Handled, handled => handled.MessageId == Id(zipUpdate));
    }

    [Fact]
    public async Task A_photo_the_media_store_refuses_is_explained_to_the_citizen_and_its_caption_still_arrives()
    {
        var updateId = TelegramHubFixture.NextId();
        Api.ServeFile($"refused-{updateId}", $"photos/file_{updateId}.jpg", [1, 2, 3]);
        fixture.Media.RefuseWith = "Foto terlalu besar: paling besar 5 MB.";
        try
        {
            await PostAsync(TelegramUpdates.Photo(updateId, "Lampu jalan mati", [new($"refused-{updateId}", 800, 600, 3)], _chat));

            var message = await Handler.WaitForAsync(Id(updateId));
            Assert.Equal("Lampu jalan mati", message.Text);
            Assert.Null(message.Media);
            var notice = Assert.Single(await SentToAsync(_chat));
            Assert.Equal("Foto terlalu besar: paling besar 5 MB.", notice.Parameters["text"]);
        }
        finally
        {
            fixture.Media.RefuseWith = null;
        }
    }

    [Fact]
    public async Task A_callback_query_carries_the_choice_and_is_answered()
    {
        var updateId = TelegramHubFixture.NextId();
        var queryId = $"query-{updateId}";

        await PostAsync(TelegramUpdates.CallbackQuery(updateId, queryId, "secret:yes", _chat));

        var message = await Handler.WaitForAsync(Id(updateId));
        Assert.Equal("secret:yes", message.ChoiceValue);
        Assert.Equal(new ChannelAddress("telegram", Chat), message.From);
        Assert.Single(Api.CallsTo("answerCallbackQuery"), call => call.Parameters["callback_query_id"] == queryId);
    }

    [Fact]
    public async Task A_callback_query_is_answered_when_the_dialog_fails_and_is_handled_on_a_later_attempt()
    {
        var updateId = TelegramHubFixture.NextId();
        var queryId = $"query-{updateId}";
        Handler.FailNext(1);

        await PostAsync(TelegramUpdates.CallbackQuery(updateId, queryId, "anonymous:no", _chat));

        var message = await Handler.WaitForAsync(Id(updateId));
        Assert.Equal("anonymous:no", message.ChoiceValue);
        Assert.Single(Api.CallsTo("answerCallbackQuery"), call => call.Parameters["callback_query_id"] == queryId);
        Assert.Equal(0, (await fixture.InboxOf(_chat)).Pending);
    }

    [Fact]
    public async Task A_redelivered_update_id_is_handled_once()
    {
        var first = TelegramHubFixture.NextId();
        var second = TelegramHubFixture.NextId();

        await PostAsync(TelegramUpdates.Text(first, "Sampah menumpuk", _chat));
        await PostAsync(TelegramUpdates.Text(first, "Sampah menumpuk", _chat));
        await PostAsync(TelegramUpdates.Text(second, "di Jalan Darmo", _chat));

        // One chat's updates are handled in order, so once the second is in, a repeat of the first would be too.
        await Handler.WaitForAsync(Id(second));
        Assert.Single(Handler.Handled, message => message.MessageId == Id(first));
        Assert.Equal(2, (await fixture.InboxOf(_chat)).RememberedUpdateIds);
    }

    [Fact]
    public async Task An_update_is_acknowledged_while_the_previous_one_of_its_chat_is_still_in_the_dialog_and_both_are_handled_in_order()
    {
        var from = new ChannelAddress("telegram", Chat);
        var first = TelegramHubFixture.NextId();
        var second = TelegramHubFixture.NextId();
        Handler.Hold(from);
        try
        {
            await PostAsync(TelegramUpdates.Text(first, "Lampu jalan mati", _chat));
            await Eventually.TrueAsync(() => Handler.HasStarted(Id(first)));

            // Stored and answered 200 while the first is still being handled, not after the hub gave up waiting for it.
            await PostAsync(TelegramUpdates.Text(second, "di depan SD Negeri 3", _chat));
            Assert.False(Handler.WasCancelled(Id(first)));
            Assert.False(Handler.HasStarted(Id(second)));
            Assert.Equal(2, (await fixture.InboxOf(_chat)).Pending);
        }
        finally
        {
            Handler.Release(from);
        }

        await Handler.WaitForAsync(Id(second));
        Assert.Equal([Id(first), Id(second)], Handler.Handled.Where(message => message.From == from).Select(message => message.MessageId));
    }

    [Fact]
    public async Task Bodies_that_are_not_updates_are_refused_and_updates_without_a_chat_are_ignored()
    {
        using var webhook = fixture.Hub.Webhook();

        await AssertStatusAsync(HttpStatusCode.BadRequest, "{\"update_id\": 5, \"message\": ");
        await AssertStatusAsync(HttpStatusCode.BadRequest, "[1, 2, 3]");
        await AssertStatusAsync(HttpStatusCode.BadRequest, "{\"message\": {\"message_id\": 1}}");
        using (var oversized = await webhook.PostAsync(new byte[(1024 * 1024) + 1], TelegramTestHub.Secret))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        }

        var edited = TelegramUpdates.Text(TelegramHubFixture.NextId(), "diubah", _chat).Replace("\"message\"", "\"edited_message\"", StringComparison.Ordinal);
        await AssertStatusAsync(HttpStatusCode.OK, edited);
        Assert.Equal(0, (await fixture.InboxOf(_chat)).RememberedUpdateIds);

        async Task AssertStatusAsync(HttpStatusCode expected, string body)
        {
            using var response = await webhook.PostAsync(Encoding.UTF8.GetBytes(body), TelegramTestHub.Secret);
            Assert.Equal(expected, response.StatusCode);
        }
    }

    private static string Id(long updateId) => updateId.ToString(CultureInfo.InvariantCulture);

    private IEnumerable<FakeBotApiCall> SentTo(long chatId) =>
        Api.CallsTo("sendMessage").Where(call => call.Parameters["chat_id"] == chatId.ToString(CultureInfo.InvariantCulture));

    /// <summary>What was sent to the chat once its outbox has nothing left to send.</summary>
    private async Task<FakeBotApiCall[]> SentToAsync(long chatId)
    {
        var outbox = fixture.Hub.Grains.GetOutbox(new ChannelAddress(TelegramOptions.Channel, Id(chatId)));
        await Eventually.TrueAsync(() => SentTo(chatId).Any());
        for (var waited = 0; await outbox.CountPending() > 0 && waited < 400; waited++)
        {
            await Task.Delay(25);
        }

        return SentTo(chatId).ToArray();
    }

    private async Task PostAsync(string update)
    {
        using var webhook = fixture.Hub.Webhook();
        using var response = await webhook.PostAsync(update);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
