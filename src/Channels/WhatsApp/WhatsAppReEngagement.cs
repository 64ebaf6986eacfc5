using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Channels.WhatsApp;

/// <summary>
/// Providers usually take free text outside the 24-hour window and only later report it failed for that (Meta 131047,
/// Twilio 63016). The sender remembers which free text carried a report's news or a poll invitation; the status callback
/// then sends it again as the approved template (notice or poll), about the same report event, instead of recording a failure.
/// </summary>
public static class WhatsAppReEngagement
{
    /// <summary>After a send: remember the news <paramref name="message"/> carried under the provider's message ID. Only logged if it fails: the message is sent.</summary>
    public static async Task RememberFreeTextAsync(IGrainFactory grains, ChannelAddress to, string providerMessageId, OutboundMessage message, ILogger logger)
    {
        if (message.Notice is null && message.PollInvite is null)
        {
            return;
        }

        try
        {
            var window = grains.GetWhatsAppWindow(to);
            await (message.Notice is { } notice
                ? window.RememberFreeText(providerMessageId, notice)
                : window.RememberFreeTextPollInvitation(providerMessageId, message));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not remember WhatsApp message {MessageId} to {Address} for a template fallback", providerMessageId, to.Masked);
        }
    }

    /// <summary>
    /// The provider refused <paramref name="providerMessageId"/> because the window had closed: the window is marked closed
    /// and, if it carried a report's news or a poll invitation, that is queued again as the template. False if there was nothing to resend:
    /// the caller then records the failure as usual.
    /// </summary>
    public static async Task<bool> ResendAsTemplateAsync(IGrainFactory grains, ChannelAddress to, string providerMessageId, DateTimeOffset at)
    {
        var window = grains.GetWhatsAppWindow(to);
        var notice = await window.ReEngagementRequired(providerMessageId, at);
        // A poll invitation goes again as it was: with the window now closed the sender turns it into the poll template.
        var resend = notice is not null
            ? new OutboundMessage(notice.ShortText, Notice: notice)
            : await window.FreeTextPollInvitation(providerMessageId);
        return resend is not null && await grains.GetOutbox(to).Replace(providerMessageId, $"whatsapp-template:{providerMessageId}", resend);
    }
}
