using Lapor.Hub.Channels.Citizens;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;

namespace Lapor.Hub.Tests.Channels.Citizens;

public sealed class ChannelFallbackTests
{
    private static readonly ReportEventRef About = new("K7QMX2PD9R7", 4);

    private sealed class Sender(string channel) : IChannelSender
    {
        public string Channel => channel;

        public Task<DeliveryResult> SendAsync(ChannelAddress to, OutboundMessage message, CancellationToken cancellationToken) =>
            Task.FromResult(DeliveryResult.Delivered());
    }

    private static readonly IChannelSender[] WithSms = [new Sender("whatsapp"), new Sender("sms")];

    [Fact]
    public void News_to_a_whatsapp_number_falls_back_to_the_same_numbers_sms() =>
        Assert.Equal(new ChannelAddress("sms", "6281234567890"), ChannelFallback.For(new("whatsapp", "6281234567890"), About, WithSms));

    [Fact]
    public void Without_an_sms_sender_there_is_no_fallback() =>
        Assert.Null(ChannelFallback.For(new("whatsapp", "6281234567890"), About, [new Sender("whatsapp")]));

    [Fact]
    public void Dialog_replies_do_not_fall_back() =>
        Assert.Null(ChannelFallback.For(new("whatsapp", "6281234567890"), about: null, WithSms));

    [Theory]
    [InlineData("sms", "6281234567890")]
    [InlineData("telegram", "6281234567890")]
    [InlineData("whatsapp", "+6281234567890")]
    [InlineData("whatsapp", "081234567890")]
    public void Only_a_whatsapp_address_in_canonical_digits_has_a_fallback(string channel, string id) =>
        Assert.Null(ChannelFallback.For(new(channel, id), About, WithSms));

    [Fact]
    public void The_fallback_key_differs_from_the_original_and_is_stable() =>
        Assert.Equal("fallback:report:K7QMX2PD9R7:4", ChannelFallback.Key("report:K7QMX2PD9R7:4"));

    [Theory]
    [InlineData(ProviderStatus.Undelivered, true)]
    [InlineData(ProviderStatus.Failed, true)]
    [InlineData(ProviderStatus.Sent, false)]
    [InlineData(ProviderStatus.Delivered, false)]
    [InlineData(ProviderStatus.Read, false)]
    [InlineData(ProviderStatus.Queued, false)]
    public void Only_undelivered_and_failed_are_final_failures(ProviderStatus status, bool final) =>
        Assert.Equal(final, ChannelFallback.IsFinalFailure(status));

    [Theory]
    [InlineData("sms", "6281234567890", "6281234567890")]
    [InlineData("whatsapp", "6281234567890", "6281234567890")]
    [InlineData("telegram", "6281234567890", null)]
    [InlineData("web", "6281234567890", null)]
    [InlineData("sms", "not-a-number", null)]
    public void Only_sms_and_whatsapp_addresses_are_a_phone_number_by_construction(string channel, string id, string? phone) =>
        Assert.Equal(phone, CitizenLinks.PhoneOf(new ChannelAddress(channel, id)));
}
