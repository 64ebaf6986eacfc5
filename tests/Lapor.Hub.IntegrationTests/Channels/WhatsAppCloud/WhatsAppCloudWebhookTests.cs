using System.Net;
using System.Text;
using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.WhatsAppCloud;

/// <summary>
/// The Cloud API webhook at its edge: Meta's subscription handshake, X-Hub-Signature-256 over the raw body, malformed and
/// oversized bodies, and redelivered wamids — refused or ignored, nothing processed twice.
/// </summary>
public sealed class WhatsAppCloudWebhookTests(WhatsAppCloudHub hub) : IClassFixture<WhatsAppCloudHub>
{
    [Fact]
    public async Task The_subscription_handshake_echoes_the_challenge_only_for_the_verify_token()
    {
        using var verified = await hub.Public.GetAsync(
            $"/channels/whatsapp/cloud?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={WhatsAppCloudHub.VerifyToken}");
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal("1158201444", await verified.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", verified.Content.Headers.ContentType!.MediaType);

        using var wrongToken = await hub.Public.GetAsync("/channels/whatsapp/cloud?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        using var noToken = await hub.Public.GetAsync("/channels/whatsapp/cloud?hub.mode=subscribe&hub.challenge=1158201444");
        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        using var wrongMode = await hub.Public.GetAsync(
            $"/channels/whatsapp/cloud?hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token={WhatsAppCloudHub.VerifyToken}");
        Assert.Equal(HttpStatusCode.Forbidden, wrongMode.StatusCode);
    }

    [Fact]
    public async Task A_forged_or_missing_signature_is_refused_and_nothing_is_stored()
    {
        const string phone = "6281100000001";
        var body = CloudWebhooks.Text(hub.NextWamid(), phone, "Sampah menumpuk di pinggir sungai dekat jembatan, baunya menyengat", hub.Clock.GetUtcNow());

        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.PostAsync(body, signature: "")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.PostAsync(body, CloudWebhooks.Sign(body, "another-apps-secret"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.PostAsync(body.Replace("Sampah", "Sampai"), CloudWebhooks.Sign(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.PostAsync(body, "sha256=" + new string('0', 64))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.PostAsync(body, "sha1=" + CloudWebhooks.Sign(body)[7..47])).StatusCode);

        var inbox = await Grains.GetInbox(new ChannelAddress("whatsapp", phone)).GetStatus();
        Assert.Equal(0, inbox.RememberedMessageIds);
        Assert.DoesNotContain(hub.Graph.Sends, send => send.To == phone);

        // The same message, signed by Meta, is then taken: the refused posts did not mark its wamid as seen.
        await hub.SayAsync(body, "Di mana", phone);
    }

    [Fact]
    public async Task Malformed_and_oversized_bodies_are_refused()
    {
        foreach (var body in new[] { "not json", "{}", "[1,2,3]", "{\"object\":\"whatsapp_business_account\",\"entry\":\"x\"}",
                     "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[{\"type\":\"text\"}]}}]}]}" })
        {
            using var response = await hub.PostAsync(body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {response.StatusCode}");
        }

        var huge = CloudWebhooks.Text(hub.NextWamid(), "6281100000002", new string('a', 600 * 1024), hub.Clock.GetUtcNow());
        using var tooLarge = await hub.PostAsync(huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    [Fact]
    public async Task A_redelivered_wamid_files_one_report()
    {
        const string phone = "6281100000003";
        var trackingId = await hub.FileReportAsync(phone, "Lampu penerangan jalan di gang kami mati sudah dua minggu, rawan kejahatan");
        var submit = hub.Graph.Sends.Last(send => send.To == phone && send.Text.Contains("Nomor laporan", StringComparison.Ordinal));

        // Meta redelivers the whole conversation's last notifications (its webhook retries for days).
        var replayed = Replayed(phone);
        foreach (var body in replayed)
        {
            Assert.Equal(HttpStatusCode.OK, (await hub.PostAsync(body)).StatusCode);
        }

        // Handled in order per citizen: once this answer arrives, anything accepted before it has been handled.
        await hub.SayAsync(CloudWebhooks.Text(hub.NextWamid(), phone, "laporan saya", hub.Clock.GetUtcNow()), trackingId, phone);
        Assert.Single(hub.Graph.Sends, send => send.To == phone && send.Text.Contains("Nomor laporan", StringComparison.Ordinal));
        Assert.Single(hub.Graph.Sends, send => send.To == phone && send.Text.Contains("Di mana", StringComparison.Ordinal));
        Assert.NotNull(submit);
    }

    [Fact]
    public async Task A_kind_of_message_the_hub_cannot_read_gets_a_polite_answer()
    {
        const string phone = "6281100000004";
        await hub.SayAsync(CloudWebhooks.Audio(hub.NextWamid(), phone, hub.Clock.GetUtcNow()), "belum dapat kami baca", phone);
    }

    private IGrainFactory Grains => hub.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Every notification the hub already took from <paramref name="phone"/>.</summary>
    private List<string> Replayed(string phone) => [.. hub.Posted.Where(body => body.Contains($"\"from\":\"{phone}\"", StringComparison.Ordinal))];
}
