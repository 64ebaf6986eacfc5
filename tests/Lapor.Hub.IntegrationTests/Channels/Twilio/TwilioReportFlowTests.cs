using System.Net;
using System.Text.Json;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Filing;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Channels.Media;
using Lapor.Hub.Tracking;
using Microsoft.Extensions.DependencyInjection;
using static Lapor.Hub.Tests.Channels.Twilio.TwilioMessages;

namespace Lapor.Hub.Tests.Channels.Twilio;

/// <summary>
/// Citizens file whole reports over Twilio SMS and Twilio WhatsApp and get the agency's follow-up back on the same
/// channel; Twilio's status callbacks show on the report's history. The real hub, the real Twilio client, a local fake
/// of Twilio's API, webhooks signed as Twilio signs them.
/// </summary>
public sealed class TwilioReportFlowTests(TwilioHub hub) : IClassFixture<TwilioHub>
{
    [Fact]
    public async Task A_report_filed_by_sms_gets_its_tracking_id_and_later_the_follow_up_by_sms()
    {
        const string phone = "+6281200000001";
        var id = await hub.FileBySmsAsync(phone,
            "Jalan berlubang besar di Jl. Kenjeran 100, Surabaya, sudah sebulan belum ditambal dan banyak motor jatuh");

        var report = await ReadAsync(id);
        Assert.Equal("sms", report.GetProperty("reporter").GetProperty("channel").GetString());
        await ForwardAndFollowUpAsync(id, "Lubang di Jl. Kenjeran sudah ditambal oleh DSDABM.");
        var followUp = await hub.DeliveredAsync(phone, "Lubang di Jl. Kenjeran sudah ditambal");
        Assert.Equal(SmsNumber, followUp.From);
        Assert.Equal(TwilioHub.PublicBaseUrl + "/channels/sms/twilio/status", followUp.StatusCallback);

        Assert.Equal(HttpStatusCode.OK, (await hub.StatusAsync("sms", followUp, "sent")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.StatusAsync("sms", followUp, "delivered")).StatusCode);
        await FollowUpDeliveryAsync(id, "Delivered", "sms");
    }

    [Fact]
    public async Task A_report_filed_by_sms_is_listed_on_whatsapp_from_the_same_phone_and_its_news_stays_on_sms()
    {
        const string phone = "+6281200000032";
        var id = await hub.FileBySmsAsync(phone, "Saluran air tersumbat di Jl. Dukuh Kupang 12, Surabaya, banjir setiap hujan sejak sebulan");

        var listed = await hub.SayAsync("whatsapp", WhatsApp(phone, "laporan saya"), id);
        Assert.Contains("Laporan Anda", listed.Body, StringComparison.Ordinal);
        await ForwardAndFollowUpAsync(id, "Saluran di Jl. Dukuh Kupang sudah dibersihkan.");

        await hub.DeliveredAsync(phone, "Saluran di Jl. Dukuh Kupang sudah dibersihkan");
        Assert.DoesNotContain(hub.Api.SendsTo("whatsapp:" + phone), send => send.Body.Contains("sudah dibersihkan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_report_filed_on_whatsapp_with_a_photo_gets_the_follow_up_and_read_receipts_on_its_history()
    {
        const string phone = "+6281200000002";
        const string whatsApp = "whatsapp:" + phone;
        await hub.SayAsync("whatsapp", WhatsApp(phone, "Jalan berlubang besar di depan SDN 5, sudah sebulan belum ditambal, banyak motor jatuh"), "Di mana");
        var askPhotos = await hub.SayAsync("whatsapp", WhatsApp(phone, "Jl. Kenjeran 100, Surabaya"), "foto");
        Assert.Contains("\n1. Lewati", askPhotos.Body);

        var photoSid = NewSid("MM");
        var mediaUrl = hub.Api.ServeMedia(photoSid, NewSid("ME"), "image/jpeg", Jpeg());
        await hub.SayAsync("whatsapp", WhatsAppPhoto(phone, mediaUrl, photoSid), "Foto diterima (1/5)");
        Assert.Contains("authorized", hub.Api.MediaRequests);
        await hub.SayAsync("whatsapp", WhatsApp(phone, "selesai"), "anonim");
        await hub.SayAsync("whatsapp", WhatsApp(phone, "tidak"), "dirahasiakan");
        var summary = await hub.SayAsync("whatsapp", WhatsApp(phone, "tidak"), "Ringkasan");
        Assert.Contains("1. Kirim", summary.Body);
        var id = TwilioHub.TrackingIdIn(await hub.SayAsync("whatsapp", WhatsApp(phone, "kirim"), "Nomor laporan"));

        var report = await ReadAsync(id);
        Assert.Equal("whatsapp", report.GetProperty("reporter").GetProperty("channel").GetString());
        Assert.Single(report.GetProperty("media").EnumerateArray());

        await ForwardAndFollowUpAsync(id, "Lubang sudah ditambal oleh DSDABM pada 28 November.");
        var followUp = await hub.DeliveredAsync(whatsApp, "Lubang sudah ditambal oleh DSDABM");
        Assert.Equal(WhatsAppNumber, followUp.From);
        Assert.Equal("", followUp.ContentSid); // the citizen wrote minutes ago: free text, not the template
        Assert.Equal(TwilioHub.PublicBaseUrl + "/channels/whatsapp/twilio/status", followUp.StatusCallback);
        foreach (var status in new[] { "sent", "delivered", "read" })
        {
            Assert.Equal(HttpStatusCode.OK, (await hub.StatusAsync("whatsapp", followUp, status)).StatusCode);
        }

        await FollowUpDeliveryAsync(id, "Read", "whatsapp");
        await hub.SayAsync("whatsapp", WhatsApp(phone, "Terima kasih, tapi tambalannya sudah retak lagi"), "ditambahkan");
        var last = (await ReadAsync(id)).GetProperty("history").EnumerateArray().Last();
        Assert.Equal("ReplyPosted", last.GetProperty("kind").GetString());
        Assert.Equal("Terima kasih, tapi tambalannya sudah retak lagi", last.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_photo_too_large_or_of_the_wrong_kind_is_refused_with_a_message_and_the_dialog_goes_on()
    {
        const string phone = "+6281200000007";
        const string whatsApp = "whatsapp:" + phone;
        await hub.SayAsync("whatsapp", WhatsApp(phone, "Saluran air di depan pasar tersumbat sampah, jalan tergenang setiap hujan"), "Di mana");
        await hub.SayAsync("whatsapp", WhatsApp(phone, "Jl. Pasar Besar, Kota Malang"), "foto");

        var tooLargeSid = NewSid("MM");
        var tooLarge = hub.Api.ServeMedia(tooLargeSid, NewSid("ME"), "image/jpeg", new byte[TwilioHub.MaxMediaBytes + 1]);
        await hub.SayAsync("whatsapp", WhatsAppPhoto(phone, tooLarge, tooLargeSid), "terlalu besar");
        var textSid = NewSid("MM");
        var text = hub.Api.ServeMedia(textSid, NewSid("ME"), "text/plain", "bukan foto"u8.ToArray());
        await hub.SayAsync("whatsapp", WhatsAppPhoto(phone, text, textSid), "Jenis berkas tidak diterima");

        await hub.SayAsync("whatsapp", WhatsApp(phone, "lewati"), "anonim");
        Assert.DoesNotContain(hub.Api.SendsTo(whatsApp), send => send.Body.Contains("Foto diterima", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_whatsapp_location_pin_answers_where()
    {
        const string phone = "+6281200000003";
        await hub.SayAsync("whatsapp", WhatsApp(phone, "Lampu jalan di gang kami mati sudah dua minggu, rawan kejahatan di malam hari"), "Di mana");
        await hub.SayAsync("whatsapp", WhatsAppLocation(phone, -7.2575, 112.7521), "foto");
    }

    [Fact]
    public async Task A_429_is_honoured_with_its_retry_after_and_the_message_still_arrives_once()
    {
        const string phone = "+6281200000004";
        hub.Api.RateLimitNextSends(1, retryAfterSeconds: 2);
        var answered = await hub.SayAsync("whatsapp", WhatsApp(phone, "Pipa PDAM bocor di depan rumah, air terbuang sejak kemarin sore"), "Di mana");

        var attempts = hub.Api.SendsTo("whatsapp:" + phone);
        var refused = Assert.Single(attempts, send => !send.Succeeded);
        Assert.True(answered.At - refused.At >= TimeSpan.FromSeconds(2), $"retried after {answered.At - refused.At}");
        Assert.Single(attempts, send => send.Succeeded);
    }

    [Fact]
    public async Task When_twilio_is_down_for_a_while_every_message_arrives_exactly_once_after_it_recovers()
    {
        const string phone = "+6281200000005";
        const string whatsApp = "whatsapp:" + phone;
        hub.Api.FailNextSends(4);
        await hub.PostAsync("whatsapp", WhatsApp(phone, "Trotoar di depan pasar dipakai pedagang, pejalan kaki turun ke jalan raya"));
        await hub.PostAsync("whatsapp", WhatsApp(phone, "Jl. Pasar Besar, Kota Malang"));
        await hub.PostAsync("whatsapp", WhatsApp(phone, "lewati"));
        await hub.DeliveredAsync(whatsApp, "anonim");
        var grains = hub.Services.GetRequiredService<IGrainFactory>();
        await WaitUntilAsync(async () => await grains.GetGrain<IOutboxGrain>("whatsapp:6281200000005").CountPending() == 0);

        var delivered = hub.Api.SendsTo(whatsApp).Where(send => send.Succeeded).Select(send => send.Body).ToArray();
        Assert.Equal(3, delivered.Length);
        Assert.Equal(delivered.Distinct().Count(), delivered.Length);
        Assert.Contains(hub.Api.SendsTo(whatsApp), send => !send.Succeeded);
    }

    [Fact]
    public async Task A_send_twilio_refuses_is_not_retried_and_later_messages_still_go()
    {
        const string phone = "+6281200000006";
        const string whatsApp = "whatsapp:" + phone;
        hub.Api.RefuseNextSends(1, 400, 21211, "The 'To' number is not a valid phone number.");
        await hub.PostAsync("whatsapp", WhatsApp(phone, "Sampah menumpuk di depan SD Negeri 3 sudah dua minggu tidak diangkut"));
        await hub.SayAsync("whatsapp", WhatsApp(phone, "Jl. Kenjeran 100, Surabaya"), "foto");

        var sends = hub.Api.SendsTo(whatsApp);
        Assert.Single(sends, send => !send.Succeeded && send.Body.Contains("Di mana", StringComparison.Ordinal));
        Assert.DoesNotContain(sends, send => send.Succeeded && send.Body.Contains("Di mana", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_follow_ups_letter_on_a_secret_report_goes_to_whatsapp_as_a_granted_link_twilio_can_fetch()
    {
        const string phone = "+6281200000031";
        var id = await hub.FileByWhatsAppAsync(phone, "Pungutan liar di loket pelayanan KTP kelurahan, diminta uang tambahan tanpa kuitansi", secret: true);
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = "PEMKOT-3578" });
        var letter = await hub.Services.GetRequiredService<IMediaStore>().SaveAsync(new MemoryStream(TestPdf.WithAuthor()), "application/pdf", "surat-dinas.pdf", default);
        await hub.Services.GetRequiredService<IGrainFactory>().GetReport(TrackingId.Parse(id))
            .PostFollowUp(new PostFollowUp(Actor.Officer("dlh-1", "PEMKOT-3578"), "Surat jawaban dinas terlampir.", "twilio-follow-up", [letter.Id]));

        var sent = await hub.SentAsync($"whatsapp:{phone}", send => send.MediaUrls.Count > 0, "the letter");
        var link = Assert.Single(sent.MediaUrls);
        Assert.StartsWith($"{TwilioHub.PublicBaseUrl}/media/{letter.Id}?grant=", link, StringComparison.Ordinal);
        using var fetched = await hub.Public.GetAsync(link[TwilioHub.PublicBaseUrl.Length..]);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        using var withoutGrant = await hub.Public.GetAsync($"/media/{letter.Id}");
        Assert.Equal(HttpStatusCode.NotFound, withoutGrant.StatusCode);
    }

    private async Task ForwardAndFollowUpAsync(string id, string followUp)
    {
        Assert.Equal(HttpStatusCode.OK,
            (await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = "PEMKOT-3578" })).StatusCode);
        Assert.True((await hub.Operator.PostJsonAsync($"/api/reports/{id}/follow-ups", new { agencyCode = "PEMKOT-3578", text = followUp })).IsSuccessStatusCode);
    }

    private async Task FollowUpDeliveryAsync(string id, string status, string channel)
    {
        JsonElement delivery = default;
        await WaitUntilAsync(async () =>
        {
            var followUp = (await ReadAsync(id)).GetProperty("history").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "FollowUpPosted");
            return followUp.TryGetProperty("delivery", out delivery) && delivery.ValueKind == JsonValueKind.Object
                && delivery.GetProperty("status").GetString() == status;
        }, $"the follow-up's delivery to become {status}");
        Assert.Equal(channel, delivery.GetProperty("channel").GetString());
    }

    private async Task<JsonElement> ReadAsync(string id)
    {
        var response = await hub.Operator.GetAsync($"/api/reports/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, string what = "the condition")
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    internal static byte[] Jpeg()
    {
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(64, 48);
        using var buffer = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsJpeg(image, buffer);
        return buffer.ToArray();
    }
}
