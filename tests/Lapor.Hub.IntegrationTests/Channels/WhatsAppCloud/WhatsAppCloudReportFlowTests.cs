using System.Net;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Filing;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Channels.Media;
using Lapor.Hub.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.WhatsAppCloud;

/// <summary>
/// A citizen files a whole report on WhatsApp through the Cloud API — typing, tapping reply buttons, sharing a location pin
/// and a photo — and gets the agency's follow-up back; Meta's status callbacks show on the report's history.
/// </summary>
public sealed class WhatsAppCloudReportFlowTests(WhatsAppCloudHub hub) : IClassFixture<WhatsAppCloudHub>
{
    private const string Agency = "PEMKOT-3578";

    [Fact]
    public async Task A_report_filed_on_whatsapp_with_buttons_a_pin_and_a_photo_gets_its_follow_up()
    {
        const string phone = "6281200000001";
        var askLocation = await hub.SayAsync(CloudWebhooks.Text(hub.NextWamid(), phone,
            "Jalan berlubang besar di depan SDN 5, sudah sebulan belum ditambal, banyak motor jatuh", Now), "Di mana", phone);
        Assert.Equal("interactive", askLocation.Type);
        Assert.Equal("button", askLocation.Body["interactive"]!["type"]!.GetValue<string>());
        Assert.Contains("skip", askLocation.ChoiceIds);

        await hub.SayAsync(CloudWebhooks.Location(hub.NextWamid(), phone, -7.2913, 112.7398, Now), "foto", phone);
        hub.Graph.ServeMedia("1479537139650973", "image/jpeg", Jpeg());
        var photoTaken = await hub.SayAsync(CloudWebhooks.Image(hub.NextWamid(), phone, "1479537139650973", Now), "Foto diterima (1/5)", phone);
        Assert.Contains("done", photoTaken.ChoiceIds);
        Assert.Contains(hub.Graph.MediaCalls, path => path == $"/{FakeGraphApi.Version}/1479537139650973");
        Assert.Contains(hub.Graph.MediaCalls, path => path == "/whatsapp_business/attachments/1479537139650973");

        await hub.SayAsync(CloudWebhooks.ButtonReply(hub.NextWamid(), phone, "done", "Selesai", Now), "anonim", phone);
        await hub.SayAsync(CloudWebhooks.ButtonReply(hub.NextWamid(), phone, "no", "Tidak", Now), "dirahasiakan", phone);
        await hub.SayAsync(CloudWebhooks.ListReply(hub.NextWamid(), phone, "no", "Tidak", Now), "Ringkasan", phone);
        var filed = await hub.SayAsync(CloudWebhooks.ButtonReply(hub.NextWamid(), phone, "submit", "Kirim", Now), "Nomor laporan", phone);
        var id = WhatsAppCloudHub.TrackingIdIn(filed);

        var report = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        Assert.Equal("whatsapp", report.GetProperty("reporter").GetProperty("channel").GetString());
        Assert.Equal("Siti Aminah", report.GetProperty("reporter").GetProperty("name").GetString());
        var photoPath = Assert.Single(report.GetProperty("media").EnumerateArray()).GetString();
        using var photo = await hub.Operator.GetAsync(photoPath);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType);

        await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = Agency });
        await hub.SentAsync("diteruskan ke Pemerintah Kota Surabaya", phone, type: "text");
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/follow-ups", new { agencyCode = Agency, text = "Lubang sudah ditambal oleh DSDABM pada 28 November." });
        await hub.SentAsync("Lubang sudah ditambal oleh DSDABM", phone, type: "text");

        await hub.SayAsync(CloudWebhooks.Text(hub.NextWamid(), phone, "Terima kasih, tapi tambalannya sudah retak lagi", Now), "ditambahkan", phone);
        var thread = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        Assert.Equal("Terima kasih, tapi tambalannya sudah retak lagi", thread.GetProperty("history").EnumerateArray().Last().GetProperty("text").GetString());
    }

    [Fact]
    public async Task Meta_status_callbacks_are_recorded_on_the_report_history()
    {
        const string phone = "6281200000002";
        var id = await hub.FileReportAsync(phone, "Saluran air di depan pasar tersumbat sampah, jalan tergenang setiap hujan turun");
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = Agency });
        var forwarded = await hub.SentAsync("diteruskan ke", phone);
        await hub.DeliveryAsync(id, "Forwarded", "Sent");
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/follow-ups", new { agencyCode = Agency, text = "Saluran sudah dibersihkan petugas kebersihan." });
        var followUp = await hub.SentAsync("Saluran sudah dibersihkan", phone);

        await hub.DeliveryAsync(id, "FollowUpPosted", "Sent");
        Assert.Equal(HttpStatusCode.OK, (await hub.PostAsync(CloudWebhooks.Status(followUp.MessageId!, phone, "delivered", Now))).StatusCode);
        await hub.DeliveryAsync(id, "FollowUpPosted", "Delivered");
        Assert.Equal(HttpStatusCode.OK, (await hub.PostAsync(CloudWebhooks.Status(followUp.MessageId!, phone, "read", Now))).StatusCode);
        await hub.DeliveryAsync(id, "FollowUpPosted", "Read");

        Assert.Equal(HttpStatusCode.OK, (await hub.PostAsync(CloudWebhooks.Status(forwarded.MessageId!, phone, "failed", Now, errorCode: 131026))).StatusCode);
        var failed = await hub.DeliveryAsync(id, "Forwarded", "Failed");
        Assert.Contains("131026", failed.GetProperty("error").GetString());

        // A status about a message the hub never sent changes nothing and is still acknowledged, or Meta would retry it for days.
        Assert.Equal(HttpStatusCode.OK, (await hub.PostAsync(CloudWebhooks.Status("wamid.unknown", phone, "read", Now))).StatusCode);
    }

    [Fact]
    public async Task An_attachment_of_a_follow_up_goes_as_a_document_link_meta_can_fetch()
    {
        const string phone = "6281200000003";
        var id = await hub.FileReportAsync(phone, "Pungutan liar di loket pelayanan KTP kelurahan, diminta uang tambahan tanpa kuitansi", secret: true);
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = Agency });
        var letter = await hub.Services.GetRequiredService<IMediaStore>().SaveAsync(new MemoryStream(TestPdf.WithAuthor()), "application/pdf", "surat-dinas.pdf", default);
        await hub.Services.GetRequiredService<IGrainFactory>().GetReport(TrackingId.Parse(id))
            .PostFollowUp(new PostFollowUp(Actor.Officer("dlh-1", Agency), "Surat jawaban dinas terlampir.", "wa-follow-up", [letter.Id]));

        var sent = await hub.SentAsync("Surat jawaban dinas terlampir.", phone, type: "document");
        var link = sent.Body["document"]!["link"]!.GetValue<string>();
        Assert.StartsWith($"{WhatsAppCloudHub.PublicBaseUrl}/media/{letter.Id}?grant=", link, StringComparison.Ordinal);
        using var fetched = await hub.Public.GetAsync(link[WhatsAppCloudHub.PublicBaseUrl.Length..]);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        using var withoutGrant = await hub.Public.GetAsync($"/media/{letter.Id}");
        Assert.Equal(HttpStatusCode.NotFound, withoutGrant.StatusCode);
    }

    private DateTimeOffset Now => hub.Clock.GetUtcNow();

    private static byte[] Jpeg()
    {
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(64, 48);
        using var buffer = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsJpeg(image, buffer);
        return buffer.ToArray();
    }
}
