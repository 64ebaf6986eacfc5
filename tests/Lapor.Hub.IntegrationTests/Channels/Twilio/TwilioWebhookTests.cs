using System.Net;
using System.Text;
using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Messages;
using Microsoft.Extensions.DependencyInjection;
using static Lapor.Hub.Tests.Channels.Twilio.TwilioMessages;

namespace Lapor.Hub.Tests.Channels.Twilio;

/// <summary>
/// Hostile and repeated calls to the Twilio webhooks: forged or missing signatures are refused with 403 and nothing is
/// recorded, malformed bodies with 400, oversized ones with 413, and a redelivered MessageSid is answered again but
/// handled once.
/// </summary>
public sealed class TwilioWebhookTests(TwilioHub hub) : IClassFixture<TwilioHub>
{
    private IGrainFactory Grains => hub.Services.GetRequiredService<IGrainFactory>();

    [Theory]
    [InlineData("sms", "+6281200000011")]
    [InlineData("whatsapp", "+6281200000012")]
    public async Task Forged_or_missing_signatures_are_refused_and_nothing_is_recorded(string channel, string phone)
    {
        var form = channel == "sms" ? Sms(phone, "Laporan palsu") : WhatsApp(phone, "Laporan palsu");
        var path = $"/channels/{channel}/twilio";
        var forgeries = new[]
        {
            "",
            "bm90LWEtc2lnbmF0dXJl",
            TwilioWebhookPoster.Sign("another-accounts-token", TwilioHub.PublicBaseUrl + path, form),
            // Signed over the address the request really reached: the hub checks against its configured public URL.
            TwilioWebhookPoster.Sign(FakeTwilioApi.AuthToken, hub.Settings.BaseAddress.ToString().TrimEnd('/') + path, form),
        };
        foreach (var signature in forgeries)
        {
            using var refused = await hub.Webhooks.PostAsync(path, form, signature);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var tampered = new Dictionary<string, string>(form);
        var signedBefore = TwilioWebhookPoster.Sign(FakeTwilioApi.AuthToken, TwilioHub.PublicBaseUrl + path, form);
        tampered["Body"] = "Laporan yang diubah di jalan";
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Webhooks.PostAsync(path, tampered, signedBefore)).StatusCode);

        var status = Status(NewSid(), "delivered", form["From"], form["To"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Webhooks.PostAsync(path + "/status", status, "")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Webhooks.PostAsync(path + "/status", status, "bm90LWEtc2lnbmF0dXJl")).StatusCode);

        var inbox = await Grains.GetInbox(new ChannelAddress(channel, phone.TrimStart('+'))).GetStatus();
        Assert.Equal(new ChannelInboxStatus(0, 0, 0), inbox);
        Assert.DoesNotContain(hub.Api.Sends, send => send.To.EndsWith(phone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redelivered_message_sid_is_answered_again_with_empty_twiml_but_handled_once()
    {
        const string phone = "+6281200000013";
        const string whatsApp = "whatsapp:" + phone;
        var first = WhatsApp(phone, "Banjir setinggi lutut di perumahan kami setiap hujan, saluran air tersumbat");
        foreach (var _ in Enumerable.Range(0, 3))
        {
            using var answer = await hub.Webhooks.PostAsync("/channels/whatsapp/twilio", first);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("text/xml", answer.Content.Headers.ContentType!.MediaType);
            Assert.Contains("<Response/>", await answer.Content.ReadAsStringAsync());
        }

        // Handled in order: once the next message is answered, a second answer to the first would have been sent too.
        await hub.SayAsync("whatsapp", WhatsApp(phone, "Jl. Kenjeran 100, Surabaya"), "foto");
        Assert.Single(hub.Api.SendsTo(whatsApp), send => send.Body.Contains("Di mana", StringComparison.Ordinal));
        Assert.Equal(2, (await Grains.GetInbox(new ChannelAddress("whatsapp", phone.TrimStart('+'))).GetStatus()).RememberedMessageIds);
    }

    [Fact]
    public async Task A_redelivered_submit_files_one_report()
    {
        const string phone = "+6281200000014";
        await hub.SayAsync("whatsapp", WhatsApp(phone, "Pohon tumbang menutup jalan di depan kantor kecamatan sejak pagi tadi"), "Di mana");
        await hub.SayAsync("whatsapp", WhatsApp(phone, "Jl. Raya Kupang, Surabaya"), "foto");
        await hub.SayAsync("whatsapp", WhatsApp(phone, "lewati"), "anonim");
        await hub.SayAsync("whatsapp", WhatsApp(phone, "tidak"), "dirahasiakan");
        await hub.SayAsync("whatsapp", WhatsApp(phone, "tidak"), "Ringkasan");
        var submit = WhatsApp(phone, "kirim");
        await hub.SayAsync("whatsapp", submit, "Nomor laporan");
        await hub.PostAsync("whatsapp", submit);
        await hub.PostAsync("whatsapp", submit);

        await hub.SayAsync("whatsapp", WhatsApp(phone, "laporan saya"), "");
        var snapshot = await Grains.GetGrain<IConversationGrain>("whatsapp:6281200000014").GetSnapshot();
        Assert.Single(snapshot.TrackingIds);
        Assert.Single(hub.Api.SendsTo("whatsapp:" + phone), send => send.Body.Contains("Nomor laporan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_bodies_are_refused_and_nothing_is_recorded()
    {
        const string phone = "+6281200000015";
        var withoutSid = Sms(phone, "Laporan tanpa MessageSid");
        withoutSid.Remove("MessageSid");
        withoutSid.Remove("SmsMessageSid");
        var badSid = Sms(phone, "Laporan dengan MessageSid aneh", messageSid: "SM'; DROP TABLE reports;--");
        var badNumber = Sms("bukan-nomor", "Laporan tanpa nomor yang sah");
        var whatsAppOnSms = WhatsApp(phone, "WhatsApp di webhook SMS");
        foreach (var form in new[] { withoutSid, badSid, badNumber, whatsAppOnSms })
        {
            using var refused = await hub.Webhooks.PostAsync("/channels/sms/twilio", form);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var json = await hub.Webhooks.PostRawAsync("/channels/whatsapp/twilio",
            new StringContent("{\"MessageSid\":\"SM1\",\"From\":\"whatsapp:+6281200000015\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);

        var statusWithoutStatus = Status(NewSid(), "delivered", phone, SmsNumber);
        statusWithoutStatus.Remove("MessageStatus");
        statusWithoutStatus.Remove("SmsStatus");
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.Webhooks.PostAsync("/channels/sms/twilio/status", statusWithoutStatus)).StatusCode);

        var huge = Sms(phone, new string('x', 100 * 1024));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await hub.Webhooks.PostAsync("/channels/sms/twilio", huge)).StatusCode);

        Assert.Equal(new ChannelInboxStatus(0, 0, 0), await Grains.GetInbox(new ChannelAddress("sms", phone.TrimStart('+'))).GetStatus());
        Assert.Equal(new ChannelInboxStatus(0, 0, 0), await Grains.GetInbox(new ChannelAddress("whatsapp", phone.TrimStart('+'))).GetStatus());
    }

    [Fact]
    public async Task A_status_callback_about_an_unknown_message_is_taken_and_ignored()
    {
        using var answer = await hub.Webhooks.PostAsync("/channels/sms/twilio/status", Status(NewSid(), "delivered", "+6281200000016", SmsNumber));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }
}
