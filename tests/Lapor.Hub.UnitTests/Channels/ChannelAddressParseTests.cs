using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Tests.Channels;

public sealed class ChannelAddressParseTests
{
    [Theory]
    [InlineData("telegram:12345", "telegram", "12345")]
    [InlineData("web:conv:with:colons", "web", "conv:with:colons")]
    [InlineData("sms:", "sms", "")]
    public void A_key_parses_back_into_the_address_that_wrote_it(string key, string channel, string id)
    {
        var address = ChannelAddress.Parse(key);

        Assert.Equal(new ChannelAddress(channel, id), address);
        Assert.Equal(key, address.ToString());
    }

    [Theory]
    [InlineData("telegram")]
    [InlineData(":12345")]
    [InlineData("")]
    public void A_key_without_a_channel_is_refused(string key) =>
        Assert.Throws<FormatException>(() => ChannelAddress.Parse(key));
}
