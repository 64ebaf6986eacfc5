using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tracking;

namespace Lapor.Hub.Tests.Channels.WhatsAppCloud;

/// <summary>
/// WhatsApp's 24-hour customer-service window: news about a report reaches the citizen days later as the approved template
/// (tracking ID and the news in one line), whether the hub knows the window closed (its clock) or Meta says so (131047);
/// the conversation goes on when the citizen answers. Rate limits are waited out, not given up on.
/// </summary>
public sealed class WhatsAppCloudWindowTests(WhatsAppCloudHub hub) : IClassFixture<WhatsAppCloudHub>
{
    private const string Agency = "PEMKOT-3578";

    [Fact]
    public async Task A_follow_up_25_hours_after_the_citizens_last_message_goes_out_as_the_template()
    {
        const string phone = "6281300000001";
        var id = await hub.FileReportAsync(phone, "Pohon tumbang menutup separuh jalan di depan kantor kelurahan sejak kemarin sore");
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = Agency });
        await hub.SentAsync("diteruskan ke", phone, type: "text");

        hub.Clock.JumpTo(hub.Clock.GetUtcNow() + TimeSpan.FromHours(25));
        var before = hub.Graph.Sends.Count;
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/follow-ups", new { agencyCode = Agency, text = "Pohon sudah dipotong dan diangkut oleh DLH." });

        var template = await hub.SentAsync("Pohon sudah dipotong dan diangkut oleh DLH.", phone, after: before, type: "template");
        Assert.Equal(WhatsAppCloudHub.TemplateName, template.Body["template"]!["name"]!.GetValue<string>());
        Assert.Equal("id", template.Body["template"]!["language"]!["code"]!.GetValue<string>());
        var parameters = template.Body["template"]!["components"]![0]!["parameters"]!.AsArray();
        Assert.Equal(2, parameters.Count);
        Assert.Equal(TrackingId.Parse(id).ToDisplayString(), parameters[0]!["text"]!.GetValue<string>());
        Assert.DoesNotContain('\n', parameters[1]!["text"]!.GetValue<string>());
        Assert.DoesNotContain(hub.Graph.Sends.Skip(before), send => send.To == phone && send.Type != "template");

        // The citizen answers the template: the window opens again and the conversation goes on in free text.
        var answer = await hub.SayAsync(CloudWebhooks.Text(hub.NextWamid(), phone, "Terima kasih, jalannya sudah bisa dilewati", hub.Clock.GetUtcNow()),
            "ditambahkan", phone);
        Assert.Equal("text", answer.Type);
    }

    [Fact]
    public async Task A_131047_answer_to_a_free_text_send_falls_back_to_the_template()
    {
        const string phone = "6281300000002";
        var id = await hub.FileReportAsync(phone, "Lampu lalu lintas di perempatan Jl. Darmo mati total sejak pagi, macet panjang");

        hub.Graph.FailNextSends(1, 131047, "Re-engagement message");
        var before = hub.Graph.Sends.Count;
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = Agency });

        var template = await hub.SentAsync("diteruskan ke Pemerintah Kota Surabaya", phone, after: before, type: "template");
        var attempts = hub.Graph.Sends.Skip(before).Where(send => send.To == phone).ToList();
        var refused = Assert.Single(attempts, send => !send.Succeeded);
        Assert.Equal("text", refused.Type);
        Assert.True(attempts.IndexOf(refused) < attempts.IndexOf(template));
        Assert.Equal(TrackingId.Parse(id).ToDisplayString(), template.Body["template"]!["components"]![0]!["parameters"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_131047_status_after_meta_took_the_free_text_sends_the_news_again_as_the_template()
    {
        const string phone = "6281300000004";
        var id = await hub.FileReportAsync(phone, "Kabel listrik menjuntai rendah di atas jalan kampung, membahayakan anak-anak");
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = Agency });
        var freeText = await hub.SentAsync("diteruskan ke Pemerintah Kota Surabaya", phone, type: "text");
        await hub.DeliveryAsync(id, "Forwarded", "Sent");

        // Meta took the text, then found the window closed: it says so in a status webhook, which it may deliver twice.
        var failed = CloudWebhooks.Status(freeText.MessageId!, phone, "failed", hub.Clock.GetUtcNow(), errorCode: 131047);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await hub.PostAsync(failed)).StatusCode);
        var template = await hub.SentAsync("diteruskan ke Pemerintah Kota Surabaya", phone, type: "template");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await hub.PostAsync(failed)).StatusCode);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await hub.PostAsync(CloudWebhooks.Status(template.MessageId!, phone, "delivered", hub.Clock.GetUtcNow()))).StatusCode);
        var delivery = await hub.DeliveryAsync(id, "Forwarded", "Delivered");
        Assert.True(!delivery.TryGetProperty("error", out var error) || error.ValueKind == System.Text.Json.JsonValueKind.Null, $"{delivery}");

        // One outbox per citizen sends in order: once this answer arrives, a second template queued by the redelivery would have gone first.
        await hub.SayAsync(CloudWebhooks.Text(hub.NextWamid(), phone, "laporan saya", hub.Clock.GetUtcNow()), TrackingId.Parse(id).ToDisplayString(), phone);
        Assert.Single(hub.Graph.Sends, send => send.To == phone && send.Type == "template");
    }

    [Fact]
    public async Task A_rate_limited_send_is_retried_until_it_arrives_once()
    {
        const string phone = "6281300000003";
        hub.Graph.FailNextSends(1, 130429, "Rate limit hit");
        var before = hub.Graph.Sends.Count;
        await hub.SayAsync(CloudWebhooks.Text(hub.NextWamid(), phone, "Banyak sampah dibuang sembarangan di bantaran kali dekat rumah kami", hub.Clock.GetUtcNow()),
            "Di mana", phone);

        var attempts = hub.Graph.Sends.Skip(before).Where(send => send.To == phone).ToList();
        Assert.Single(attempts, send => !send.Succeeded);
        Assert.Single(attempts, send => send.Succeeded);
    }
}
