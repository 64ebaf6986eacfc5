using System.Security.Cryptography;
using System.Text;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Twilio;
using Twilio.Security;

namespace Lapor.Hub.Tests.Channels.Twilio;

public sealed class TwilioOptionsTests
{
    private static TwilioOptions Valid() => new()
    {
        AccountSid = "AC0123456789abcdef0123456789abcdef",
        AuthToken = "token",
        PublicBaseUrl = "https://lapor.example.go.id",
        SmsFrom = "1708",
        WhatsAppFrom = "whatsapp:+14155238886",
    };

    [Fact]
    public void Settings_for_both_channels_have_no_problems_and_nothing_is_checked_when_twilio_carries_no_channel()
    {
        Assert.Empty(Valid().Problems(["sms", "whatsapp"]));
        Assert.Empty(new TwilioOptions().Problems([]));
    }

    [Theory]
    [InlineData(nameof(TwilioOptions.AccountSid), "SK0123", "AccountSid")]
    [InlineData(nameof(TwilioOptions.AuthToken), "", "AuthToken")]
    [InlineData(nameof(TwilioOptions.PublicBaseUrl), "lapor.example.go.id", "PublicBaseUrl")]
    [InlineData(nameof(TwilioOptions.ApiBaseUrl), "not a url", "ApiBaseUrl")]
    [InlineData(nameof(TwilioOptions.WhatsAppFrom), "+14155238886", "WhatsAppFrom")]
    [InlineData(nameof(TwilioOptions.MessagingServiceSid), "MG12", "MessagingServiceSid")]
    public void A_wrong_setting_is_named_in_the_problems(string property, string value, string named)
    {
        var options = Valid();
        typeof(TwilioOptions).GetProperty(property)!.SetValue(options, value);

        Assert.Contains(options.Problems(["sms", "whatsapp"]), problem => problem.Contains("Twilio:" + named, StringComparison.Ordinal));
    }

    [Fact]
    public void Sms_needs_a_sender_or_a_messaging_service()
    {
        var options = Valid();
        options.SmsFrom = null;

        Assert.Contains(options.Problems(["sms"]), problem => problem.Contains("Twilio:SmsFrom", StringComparison.Ordinal));
        Assert.Empty(options.Problems(["whatsapp"]));
        options.MessagingServiceSid = "MG0123456789abcdef0123456789abcdef";
        Assert.Empty(options.Problems(["sms"]));
    }
}

public sealed class TwilioAddressesTests
{
    [Theory]
    [InlineData("sms", "+6281234567890", "6281234567890")]
    [InlineData("sms", "081234567890", "6281234567890")]
    [InlineData("whatsapp", "whatsapp:+6281234567890", "6281234567890")]
    public void Twilio_numbers_become_the_hubs_addresses(string channel, string value, string id)
    {
        Assert.True(TwilioAddresses.TryParse(channel, value, out var address));
        Assert.Equal(new ChannelAddress(channel, id), address);
    }

    [Theory]
    [InlineData("sms", "whatsapp:+6281234567890")]
    [InlineData("whatsapp", "+6281234567890")]
    [InlineData("sms", "messenger:+6281234567890")]
    [InlineData("sms", "bukan-nomor")]
    [InlineData("sms", null)]
    [InlineData("sms", "")]
    public void Another_channels_number_or_no_number_is_refused(string channel, string? value) =>
        Assert.False(TwilioAddresses.TryParse(channel, value, out _));

    [Fact]
    public void Sends_address_numbers_as_twilio_writes_them()
    {
        Assert.Equal("+6281234567890", TwilioAddresses.ToTwilio(new ChannelAddress("sms", "6281234567890")));
        Assert.Equal("whatsapp:+6281234567890", TwilioAddresses.ToTwilio(new ChannelAddress("whatsapp", "6281234567890")));
    }
}

public sealed class TwilioStatusesTests
{
    [Theory]
    [InlineData("queued", ProviderStatus.Queued)]
    [InlineData("accepted", ProviderStatus.Queued)]
    [InlineData("sending", ProviderStatus.Sent)]
    [InlineData("sent", ProviderStatus.Sent)]
    [InlineData("delivered", ProviderStatus.Delivered)]
    [InlineData("read", ProviderStatus.Read)]
    [InlineData("undelivered", ProviderStatus.Undelivered)]
    [InlineData("failed", ProviderStatus.Failed)]
    [InlineData("canceled", ProviderStatus.Failed)]
    [InlineData("received", null)]
    [InlineData("nonsense", null)]
    public void Twilio_statuses_in_the_hubs_words(string messageStatus, ProviderStatus? expected) =>
        Assert.Equal(expected, TwilioStatuses.Parse(messageStatus));
}

public sealed class TwilioSenderTextTests
{
    [Fact]
    public void Choices_become_numbered_lines_after_the_text()
    {
        var message = new OutboundMessage("Apakah laporan ini rahasia?", [new Choice("yes", "Ya"), new Choice("no", "Tidak")]);

        Assert.Equal("Apakah laporan ini rahasia?\n\n1. Ya\n2. Tidak", TwilioSender.WithNumberedChoices(message));
        Assert.Equal("Halo", TwilioSender.WithNumberedChoices(new OutboundMessage("Halo")));
    }
}

/// <summary>The signature Twilio documents, computed independently, is the one the library's validator accepts, and only it.</summary>
public sealed class TwilioSignatureAlgorithmTests
{
    [Fact]
    public void Hmac_sha1_of_the_url_and_the_sorted_parameters_validates()
    {
        const string token = "12345";
        const string url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        var parameters = new Dictionary<string, string>
        {
            ["Digits"] = "1234", ["To"] = "+18005551212", ["From"] = "+14158675310", ["Caller"] = "+14158675310", ["CallSid"] = "CA1234567890ABCDE",
        };
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(token));
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString())));

        Assert.True(new RequestValidator(token).Validate(url, parameters, signature));
        Assert.False(new RequestValidator("other").Validate(url, parameters, signature));
        Assert.False(new RequestValidator(token).Validate(url, new Dictionary<string, string>(parameters) { ["Digits"] = "9" }, signature));
    }
}
