using System.Net;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using static Lapor.Hub.Tests.Channels.Telegram.TelegramUpdates;

namespace Lapor.Hub.Tests.Channels.Flow;

/// <summary>
/// A citizen files a whole report by chatting with the hub's Telegram bot and gets the agency's follow-up back in
/// the same chat — the real hub, the real Telegram.Bot client, a local fake Bot API speaking Telegram's wire format.
/// </summary>
public sealed partial class TelegramReportFlowTests(TelegramHub hub) : IClassFixture<TelegramHub>
{
    [Fact]
    public async Task A_report_filed_in_chat_gets_its_tracking_id_and_later_the_follow_up()
    {
        const long chat = 7100001;
        await hub.SayAsync(Text(1, "Jalan berlubang besar di depan SDN 5, sudah sebulan belum ditambal, banyak motor jatuh", chat), "Di mana", chat);
        var askPhotos = await hub.SayAsync(Text(2, "Jl. Kenjeran 100, Surabaya", chat), "foto", chat);
        Assert.Contains("\"callback_data\":\"skip\"", askPhotos.Parameters["reply_markup"]);
        hub.BotApi.ServeFile("pothole-large", "photos/pothole.jpg", Jpeg());
        var photoReceived = await hub.SayAsync(Photo(9, null, [new("pothole-small", 90, 68, 900), new("pothole-large", 1280, 960, 2000)], chat),
            "Foto diterima (1/5)", chat);
        Assert.Contains("\"callback_data\":\"done\"", photoReceived.Parameters["reply_markup"]);
        await hub.SayAsync(CallbackQuery(3, "cb-3", "done", chat), "anonim", chat);
        await hub.SayAsync(CallbackQuery(4, "cb-4", "no", chat), "dirahasiakan", chat);
        var summary = await hub.SayAsync(CallbackQuery(5, "cb-5", "no", chat), "Ringkasan", chat);
        Assert.Contains("Jl. Kenjeran 100, Surabaya", summary.Text);

        var filed = await hub.SayAsync(CallbackQuery(6, "cb-6", "submit", chat), "Nomor laporan", chat);
        var id = TelegramHub.TrackingIdIn(filed);
        var answered = hub.BotApi.CallsTo("answerCallbackQuery").Select(c => c.Parameters["callback_query_id"]).ToHashSet();
        Assert.Subset(answered, new HashSet<string> { "cb-3", "cb-4", "cb-5", "cb-6" });

        var report = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        Assert.Equal("telegram", report.GetProperty("reporter").GetProperty("channel").GetString());
        Assert.Equal("35.78", report.GetProperty("regionCode").GetString());
        var photoPath = Assert.Single(report.GetProperty("media").EnumerateArray()).GetString();
        using var beforePublication = await hub.Public.GetAsync(photoPath);
        Assert.Equal(HttpStatusCode.NotFound, beforePublication.StatusCode); // like the text, not public before forwarding
        var photo = await hub.Operator.GetAsync(photoPath);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType);

        await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = "PEMKOT-3578" });
        var forwardedNotice = await hub.DeliveredAsync("diteruskan ke Pemerintah Kota Surabaya", chat);
        // The citizen reads the deadline exactly as the staff console writes it (one rule: DeadlineText).
        var forwarded = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        var followUpDue = forwarded.GetProperty("deadlines")[0].GetProperty("dueAt").GetDateTimeOffset();
        Assert.Contains(Lapor.Hub.Calendar.DeadlineText.Format(followUpDue, "WIB", System.Globalization.CultureInfo.GetCultureInfo("id-ID")), forwardedNotice.Text);
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/follow-ups",
            new { agencyCode = "PEMKOT-3578", text = "Lubang sudah ditambal oleh DSDABM pada 28 November." });
        await hub.DeliveredAsync("Lubang sudah ditambal oleh DSDABM", chat);

        await hub.SayAsync(Text(7, "Terima kasih, tapi tambalannya sudah retak lagi", chat), "ditambahkan", chat);
        var thread = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        var last = thread.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("ReplyPosted", last.GetProperty("kind").GetString());
        Assert.Equal("Terima kasih, tapi tambalannya sudah retak lagi", last.GetProperty("text").GetString());
        var followUp = thread.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "FollowUpPosted");
        Assert.Equal("Delivered", followUp.GetProperty("delivery").GetProperty("status").GetString());
        Assert.Equal("telegram", followUp.GetProperty("delivery").GetProperty("channel").GetString());
    }

    private static byte[] Jpeg()
    {
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(64, 48);
        using var buffer = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsJpeg(image, buffer);
        return buffer.ToArray();
    }

    [Fact]
    public async Task A_redelivered_update_is_answered_once_and_a_forged_secret_is_refused()
    {
        const long chat = 7100002;
        var update = Text(21, "Lampu jalan di gang kami mati sudah dua minggu, rawan kejahatan", chat);
        await hub.SayAsync(update, "Di mana", chat);
        Assert.Equal(HttpStatusCode.OK, (await hub.Webhook.PostAsync(update)).StatusCode);

        using var forger = new Telegram.TelegramWebhookPoster(hub.Settings.BaseAddress, "not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forger.PostAsync(Text(22, "skip", chat))).StatusCode);

        await Task.Delay(500);
        Assert.Single(hub.BotApi.CallsTo("sendMessage"), c => c.Parameters["chat_id"] == chat.ToString() && c.Text!.Contains("Di mana"));
    }

    [Fact]
    public async Task A_429_is_honoured_with_its_retry_after_and_every_message_still_arrives_once()
    {
        const long chat = 7100003;
        hub.BotApi.RateLimitNextSends(1, retryAfterSeconds: 2);
        var answered = await hub.SayAsync(Text(31, "Pipa PDAM bocor di depan rumah, air terbuang sejak kemarin", chat), "Di mana", chat);

        var attempts = hub.BotApi.CallsTo("sendMessage").Where(c => c.Parameters["chat_id"] == chat.ToString()).ToArray();
        var refused = Assert.Single(attempts, c => !c.Succeeded);
        Assert.True(answered.At - refused.At >= TimeSpan.FromSeconds(2), $"retried after {answered.At - refused.At}");
    }

    [Fact]
    public async Task When_the_provider_fails_for_a_while_every_message_arrives_exactly_once_after_it_recovers()
    {
        const long chat = 7100004;
        hub.BotApi.FailNextSends(4);
        await hub.Webhook.PostAsync(Text(41, "Trotoar di depan pasar dipakai pedagang, pejalan kaki turun ke jalan", chat));
        await hub.Webhook.PostAsync(Text(42, "Jl. Pasar Besar, Kota Malang", chat));
        await hub.Webhook.PostAsync(CallbackQuery(43, "cb-43", "skip", chat));

        await hub.DeliveredAsync("anonim", chat);
        var delivered = hub.BotApi.CallsTo("sendMessage").Where(c => c.Parameters["chat_id"] == chat.ToString() && c.Succeeded).Select(c => c.Text).ToArray();
        Assert.Equal(3, delivered.Length);
        Assert.Equal(delivered.Distinct().Count(), delivered.Length);
        Assert.Contains(hub.BotApi.CallsTo("sendMessage"), c => c.Parameters["chat_id"] == chat.ToString() && !c.Succeeded);
        Assert.Equal(0, await hub.Services.GetRequiredService<IGrainFactory>().GetGrain<IOutboxGrain>($"telegram:{chat}").CountPending());
    }
}
