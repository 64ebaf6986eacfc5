using System.Diagnostics.CodeAnalysis;
using Lapor.Hub.Channels.Citizens;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Channels.Twilio;

/// <summary>Twilio's way of writing a citizen's number: "+62…" for SMS, "whatsapp:+62…" for WhatsApp.</summary>
public static class TwilioAddresses
{
    private const string WhatsAppPrefix = "whatsapp:";

    /// <summary>The hub's address for a number Twilio wrote on <paramref name="channel"/>; false if it is not one, or is another channel's.</summary>
    public static bool TryParse(string channel, string? value, [NotNullWhen(true)] out ChannelAddress? address)
    {
        address = null;
        if (value is null)
        {
            return false;
        }

        var isWhatsApp = value.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase);
        if (isWhatsApp != (channel == ChannelNames.WhatsApp) || (!isWhatsApp && value.Contains(':', StringComparison.Ordinal)))
        {
            return false;
        }

        if (!PhoneNumber.TryNormalize(value, out var digits))
        {
            return false;
        }

        address = new ChannelAddress(channel, digits);
        return true;
    }

    /// <summary>The "To" of a send to <paramref name="address"/>.</summary>
    public static string ToTwilio(ChannelAddress address) =>
        address.Channel == ChannelNames.WhatsApp ? WhatsAppPrefix + PhoneNumber.ToE164(address.Id) : PhoneNumber.ToE164(address.Id);
}
