using System.Text;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.WhatsApp.Cloud;

namespace Lapor.Hub.Tests.Channels.WhatsAppCloud;

/// <summary>Splitting one signed notification into inbox messages and outbox statuses, and the signature itself.</summary>
public sealed class CloudWebhookParsingTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Messages_go_to_the_senders_address_with_the_wamid_and_the_profile_name()
    {
        var batch = Parse("""
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001708","phone_number_id":"106540352242922"},
              "contacts":[{"profile":{"name":"Budi"},"wa_id":"6281234567890"},{"profile":{"name":"Ani"},"wa_id":"6285700000000"}],
              "messages":[
                {"from":"6281234567890","id":"wamid.A","timestamp":"1765015200","type":"text","text":{"body":"halo"}},
                {"from":"6285700000000","id":"wamid.B","timestamp":"1765015201","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"yes","title":"Ya"}}}]}}]}]}
            """);

        Assert.NotNull(batch);
        Assert.Equal(2, batch.Messages.Count);
        Assert.Equal(new ChannelAddress("whatsapp", "6281234567890"), batch.Messages[0].From);
        Assert.Equal("wamid.A", batch.Messages[0].Envelope.MessageId);
        Assert.Equal("whatsapp-cloud", batch.Messages[0].Envelope.Provider);
        Assert.Contains("\"profile_name\":\"Budi\"", batch.Messages[0].Envelope.Body);
        Assert.Contains("\"profile_name\":\"Ani\"", batch.Messages[1].Envelope.Body);
        Assert.Contains("button_reply", batch.Messages[1].Envelope.Body);
    }

    [Theory]
    [InlineData("sent", ProviderStatus.Sent, null)]
    [InlineData("delivered", ProviderStatus.Delivered, null)]
    [InlineData("read", ProviderStatus.Read, null)]
    [InlineData("failed", ProviderStatus.Failed, "131026")]
    public void Statuses_become_provider_statuses_with_metas_error_code(string status, ProviderStatus expected, string? errorCode)
    {
        var errors = errorCode is null ? "" : $$""","errors":[{"code":{{errorCode}},"title":"Message undeliverable"}]""";
        var statusJson = $$"""{"id":"wamid.S","status":"{{status}}","timestamp":"1765015200","recipient_id":"6281234567890"{{errors}}""" + "}";
        var batch = Parse("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","statuses":["""
                          + statusJson + "]}}]}]}");

        var update = Assert.Single(batch!.Statuses);
        Assert.Equal(new ChannelAddress("whatsapp", "6281234567890"), update.To);
        Assert.Equal("wamid.S", update.MessageId);
        Assert.Equal(expected, update.Status);
        Assert.Equal(errorCode, update.ErrorCode);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1765015200), update.At);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("""{"entry":{"id":"1"}}""")]
    [InlineData("""{"entry":[{"changes":[{"field":"messages","value":{"messages":[{"id":"wamid.X","type":"text"}]}}]}]}""")]
    [InlineData("""{"entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"not a phone","id":"wamid.X","type":"text"}]}}]}]}""")]
    public void A_body_that_is_not_a_notification_is_refused(string body) => Assert.Null(Parse(body));

    [Fact]
    public void Other_webhook_fields_are_acknowledged_and_ignored()
    {
        var batch = Parse("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"message_template_status_update","value":{"event":"APPROVED"}}]}]}""");

        Assert.NotNull(batch);
        Assert.Empty(batch.Messages);
        Assert.Empty(batch.Statuses);
    }

    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_of_the_raw_body_with_the_app_secret()
    {
        var body = Encoding.UTF8.GetBytes("""{"object":"whatsapp_business_account","entry":[]}""");
        var signature = WhatsAppCloudSignature.Sign(body, "secret");

        Assert.True(WhatsAppCloudSignature.Matches(signature, body, "secret"));
        Assert.True(WhatsAppCloudSignature.Matches(signature.ToUpperInvariant().Replace("SHA256=", "sha256="), body, "secret"));
        Assert.False(WhatsAppCloudSignature.Matches(signature, body, "other"));
        Assert.False(WhatsAppCloudSignature.Matches(signature, [.. body, (byte)' '], "secret"));
        Assert.False(WhatsAppCloudSignature.Matches(signature[7..], body, "secret"));
        Assert.False(WhatsAppCloudSignature.Matches("sha256=zz" + signature[9..], body, "secret"));
        Assert.False(WhatsAppCloudSignature.Matches(null, body, "secret"));
    }

    private static CloudWebhookBatch? Parse(string body) => CloudWebhookBatch.Parse(Encoding.UTF8.GetBytes(body), ReceivedAt);
}
