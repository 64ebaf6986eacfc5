using System.Net;
using System.Text.Json;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Channels.WhatsApp;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Reports;
using Lapor.Hub.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Lapor.Hub.Tests.Channels.Twilio.TwilioMessages;

namespace Lapor.Hub.Tests.Channels.Twilio;

/// <summary>A Twilio hub whose clock a test can move forward, past WhatsApp's 24-hour window.</summary>
public sealed class TwilioClockHub : TwilioHub
{
    public AdjustableTimeProvider Clock { get; } = new();

    protected override void ReplaceServices(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
}

/// <summary>
/// WhatsApp's 24-hour customer-service window over Twilio: outside it, news about a report goes as the approved template
/// (Content SID and variables); a 63016 refusal of free text falls back to the template; other messages cannot go.
/// </summary>
public sealed class TwilioWhatsAppWindowTests(TwilioClockHub hub) : IClassFixture<TwilioClockHub>
{
    [Fact]
    public async Task A_follow_up_25_hours_after_the_citizens_last_message_goes_as_the_template_and_the_conversation_goes_on()
    {
        const string phone = "+6281200000021";
        const string whatsApp = "whatsapp:" + phone;
        var id = await hub.FileByWhatsAppAsync(phone, "Jalan berlubang besar di depan SDN 5, sudah sebulan belum ditambal, banyak motor jatuh");
        hub.Clock.JumpTo(hub.Clock.GetUtcNow().AddHours(25));

        Assert.Equal(HttpStatusCode.OK,
            (await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = "PEMKOT-3578" })).StatusCode);
        var forwarded = await hub.SentAsync(whatsApp, send => send.ContentSid == TwilioHub.IndonesianTemplate, "the notice template");
        var variables = JsonSerializer.Deserialize<Dictionary<string, string>>(forwarded.ContentVariables)!;
        Assert.Equal(id, variables["1"]);
        Assert.False(string.IsNullOrWhiteSpace(variables["2"]));
        Assert.DoesNotContain('\n', variables["2"]);
        Assert.Equal("", forwarded.Body);
        Assert.Equal(TwilioHub.PublicBaseUrl + "/channels/whatsapp/twilio/status", forwarded.StatusCallback);

        // The citizen answers the template: the window opens again and the agency's follow-up goes as free text.
        await hub.SayAsync("whatsapp", WhatsApp(phone, "Baik, terima kasih informasinya"), "");
        Assert.True((await hub.Operator.PostJsonAsync($"/api/reports/{id}/follow-ups",
            new { agencyCode = "PEMKOT-3578", text = "Lubang sudah ditambal oleh DSDABM pada 28 November." })).IsSuccessStatusCode);
        var followUp = await hub.DeliveredAsync(whatsApp, "Lubang sudah ditambal oleh DSDABM");
        Assert.Equal("", followUp.ContentSid);
    }

    [Fact]
    public async Task A_63016_refusal_of_free_text_is_sent_again_as_the_template()
    {
        var to = new ChannelAddress("whatsapp", "6281200000022");
        await Grains.GetWhatsAppWindow(to).NoteInbound(hub.Clock.GetUtcNow());
        hub.Api.RefuseNextSends(1, 400, 63016, "Failed to send freeform message because you are outside the allowed window.");
        var trackingId = TrackingId.NewId();

        var result = await Sender.SendAsync(to, new OutboundMessage("Laporan Anda sudah ditindaklanjuti: lubang sudah ditambal.",
            Notice: new NoticeSummary(trackingId.Value, "Laporan Anda sudah ditindaklanjuti.", "en")), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        Assert.True(result.AwaitsReceipt);
        var sends = hub.Api.SendsTo("whatsapp:+6281200000022");
        Assert.Equal(2, sends.Count);
        Assert.False(sends[0].Succeeded);
        Assert.Contains("ditambal", sends[0].Body);
        Assert.True(sends[1].Succeeded);
        Assert.Equal(TwilioHub.EnglishTemplate, sends[1].ContentSid);
        Assert.Equal(result.ProviderMessageId, sends[1].Sid);
        Assert.Equal(trackingId.ToDisplayString(), JsonSerializer.Deserialize<Dictionary<string, string>>(sends[1].ContentVariables)!["1"]);
    }

    [Fact]
    public async Task Free_text_news_twilio_later_reports_failed_with_63016_is_sent_again_as_the_template()
    {
        var to = new ChannelAddress("whatsapp", "6281200000024");
        await Grains.GetWhatsAppWindow(to).NoteInbound(hub.Clock.GetUtcNow());
        var trackingId = TrackingId.NewId();
        // Through the outbox, as all news goes: the resend is queued about the message the outbox sent.
        await Grains.GetOutbox(to).Enqueue("news-1", new OutboundMessage("Laporan Anda sudah diteruskan ke Pemerintah Kota Surabaya.",
            Notice: new NoticeSummary(trackingId.Value, "Laporan Anda sudah diteruskan.", "id")), about: null);
        var freeText = await hub.SentAsync("whatsapp:+6281200000024", send => send.ContentSid == "", "the free text");

        Assert.Equal(HttpStatusCode.OK, (await hub.StatusAsync("whatsapp", freeText, "failed", errorCode: "63016")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.StatusAsync("whatsapp", freeText, "undelivered", errorCode: "63016")).StatusCode);
        var template = await hub.SentAsync("whatsapp:+6281200000024", send => send.ContentSid == TwilioHub.IndonesianTemplate, "the template");
        Assert.Equal(trackingId.ToDisplayString(), JsonSerializer.Deserialize<Dictionary<string, string>>(template.ContentVariables)!["1"]);

        await TwilioReportFlowTests.WaitUntilAsync(async () => await Grains.GetOutbox(to).CountPending() == 0, "the outbox to empty");

        // A failure for another reason is only recorded: nothing is sent again.
        // 63016 closed the window until the citizen writes again; they do.
        await Grains.GetWhatsAppWindow(to).NoteInbound(hub.Clock.GetUtcNow());
        await Grains.GetOutbox(to).Enqueue("news-2", new OutboundMessage("Ada tindak lanjut untuk laporan Anda.",
            Notice: new NoticeSummary(trackingId.Value, "Ada tindak lanjut.", "id")), about: null);
        var otherSend = await hub.SentAsync("whatsapp:+6281200000024", send => send.ContentSid == "" && send.Sid != freeText.Sid, "the second free text");
        Assert.Equal(HttpStatusCode.OK, (await hub.StatusAsync("whatsapp", otherSend, "failed", errorCode: "30008")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.StatusAsync("whatsapp", template, "delivered")).StatusCode);
        Assert.Equal(0, await Grains.GetOutbox(to).CountPending()); // a resend would have been enqueued before the callback was answered
        Assert.Single(hub.Api.SendsTo("whatsapp:+6281200000024"), send => send.ContentSid == TwilioHub.IndonesianTemplate);
    }

    [Fact]
    public async Task A_message_that_is_not_news_cannot_be_sent_outside_the_window()
    {
        var to = new ChannelAddress("whatsapp", "6281200000023");

        var result = await Sender.SendAsync(to, new OutboundMessage("Ringkasan laporan Anda"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Contains("24-hour window", result.Error);
        Assert.Empty(hub.Api.SendsTo("whatsapp:+6281200000023"));
    }

    private IGrainFactory Grains => hub.Services.GetRequiredService<IGrainFactory>();

    private IChannelSender Sender => hub.Services.GetServices<IChannelSender>().Single(sender => sender.Channel == "whatsapp");
}
