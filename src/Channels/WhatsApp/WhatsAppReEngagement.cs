using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Channels.WhatsApp;

/// <summary>
/// Providers usually take free text outside the 24-hour window and only later report it failed for that (Meta 131047,
/// Twilio 63016). The sender remembers which free text carried a report's news; the status callback then sends that
/// news again as the approved template, about the same report event, instead of recording a failure.
/// </summary>
public static class WhatsAppReEngagement
{
    /// <summary>After a send: remember the news <paramref name="message"/> carried under the provider's message ID. Only logged if it fails: the message is sent.</summary>
    public static async Task RememberFreeTextAsync(IGrainFactory grains, ChannelAddress to, string providerMessageId, OutboundMessage message, ILogger logger)
    {
        if (message.Notice is not { } notice)
        {
            return;
        }

        try
        {
            await grains.GetWhatsAppWindow(to).RememberFreeText(providerMessageId, notice);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not remember WhatsApp message {MessageId} to {Address} for a template fallback", providerMessageId, to.Masked);
        }
    }

    /// <summary>
    /// The provider refused <paramref name="providerMessageId"/> because the window had closed: the window is marked closed
    /// and, if it carried a report's news, that news is queued again as the template. False if there was no news to resend:
    /// the caller then records the failure as usual.
    /// </summary>
    public static async Task<bool> ResendAsTemplateAsync(IGrainFactory grains, ChannelAddress to, string providerMessageId, DateTimeOffset at)
    {
        var notice = await grains.GetWhatsAppWindow(to).ReEngagementRequired(providerMessageId, at);
        return notice is not null && await grains.GetOutbox(to).Replace(
            providerMessageId, $"whatsapp-template:{providerMessageId}", new OutboundMessage(notice.ShortText, Notice: notice));
    }
}
