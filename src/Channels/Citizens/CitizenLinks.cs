using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Channels.Citizens;

/// <summary>Which addresses belong to a phone number without further proof: the number's own SMS and WhatsApp addresses.</summary>
public static class CitizenLinks
{
    private static readonly string[] PhoneChannels = [ChannelNames.Sms, ChannelNames.WhatsApp];

    /// <summary>The phone number an address is by construction ("whatsapp:628…" is 628…), or null for a chat id.</summary>
    public static string? PhoneOf(ChannelAddress address) =>
        PhoneChannels.Contains(address.Channel) && PhoneNumber.TryNormalize(address.Id, out var digits) && digits == address.Id ? digits : null;

    /// <summary>The number's own SMS and WhatsApp addresses.</summary>
    public static IEnumerable<ChannelAddress> OwnAddresses(string phone) => PhoneChannels.Select(channel => new ChannelAddress(channel, phone));
}
