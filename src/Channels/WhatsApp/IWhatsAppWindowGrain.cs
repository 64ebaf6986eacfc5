using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.WhatsApp;

/// <summary>
/// WhatsApp's customer-service window of one citizen (key: the "whatsapp:…" address): free text may be sent only within
/// 24 hours of the citizen's last message; outside it, only an approved template. The inbound processor notes each
/// message, the sender asks before each send.
/// </summary>
[Alias("Lapor.Hub.IWhatsAppWindowGrain")]
public interface IWhatsAppWindowGrain : IGrainWithStringKey
{
    /// <summary>The citizen wrote at <paramref name="at"/> (the provider's timestamp of the message).</summary>
    [Alias("NoteInbound")]
    Task NoteInbound(DateTimeOffset at);

    [Alias("LastInboundAt")]
    Task<DateTimeOffset?> LastInboundAt();

    /// <summary>
    /// A report's news went out as free text under <paramref name="providerMessageId"/>: kept for a while, so that if Meta
    /// later reports it failed for the window (131047), it can be sent again as the template.
    /// </summary>
    [Alias("RememberFreeText")]
    Task RememberFreeText(string providerMessageId, NoticeSummary notice);

    /// <summary>
    /// The provider says the window was closed at <paramref name="at"/> after all (the message <paramref name="providerMessageId"/>
    /// failed for it): the window counts as closed until the citizen writes again. Returns the news that message carried, if it was one.
    /// </summary>
    [Alias("ReEngagementRequired")]
    Task<NoticeSummary?> ReEngagementRequired(string providerMessageId, DateTimeOffset at);

    /// <summary>A poll invitation went out as free text or buttons: kept for a while, so that a later 131047/63016 sends it again.</summary>
    [Alias("RememberFreeTextPollInvitation")]
    Task RememberFreeTextPollInvitation(string providerMessageId, OutboundMessage invitation);

    /// <summary>The poll invitation sent as <paramref name="providerMessageId"/>, if it was one and is still remembered.</summary>
    [Alias("FreeTextPollInvitation")]
    Task<OutboundMessage?> FreeTextPollInvitation(string providerMessageId);
}

public static class WhatsAppWindow
{
    /// <summary>Meta's customer-service window.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    /// <summary>Whether free text may be sent at <paramref name="now"/>; a margin keeps a message queued near the end from arriving after it.</summary>
    public static bool IsOpen(DateTimeOffset? lastInboundAt, DateTimeOffset now) =>
        lastInboundAt is { } last && now - last < Length - TimeSpan.FromMinutes(5);

    public static IWhatsAppWindowGrain GetWhatsAppWindow(this IGrainFactory grains, ChannelAddress address) =>
        grains.GetGrain<IWhatsAppWindowGrain>(address.ToString());
}
