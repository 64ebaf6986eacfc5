using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.WhatsApp;

[GrainType("whatsapp-window")]
internal sealed class WhatsAppWindowGrain(
    [PersistentState("whatsapp-window", GrainStorage.Name)] IPersistentState<WhatsAppWindowState> stored) : Grain, IWhatsAppWindowGrain
{
    public async Task NoteInbound(DateTimeOffset at)
    {
        // Redeliveries and out-of-order webhooks carry older times: the window only ever moves forward.
        if (stored.State.LastInboundAt >= at)
        {
            return;
        }

        stored.State.LastInboundAt = at;
        await stored.WriteStateAsync();
    }

    public Task<DateTimeOffset?> LastInboundAt() => Task.FromResult(stored.State.LastInboundAt);

    public async Task RememberFreeText(string providerMessageId, NoticeSummary notice)
    {
        KeepNewest(stored.State.FreeTextNotices, new SentNotice(providerMessageId, notice), kept => kept.ProviderMessageId == providerMessageId, RememberedNotices);
        await stored.WriteStateAsync();
    }

    public async Task<NoticeSummary?> ReEngagementRequired(string providerMessageId, DateTimeOffset at)
    {
        // Kept, not taken: Meta redelivers status webhooks, and each redelivery must find the same news (the outbox ignores the repeat).
        var notice = stored.State.FreeTextNotices.Find(kept => kept.ProviderMessageId == providerMessageId)?.Notice;
        // A message the citizen wrote after the failure keeps the window open.
        if (stored.State.LastInboundAt < at)
        {
            stored.State.LastInboundAt = null;
        }

        await stored.WriteStateAsync();
        return notice;
    }

    public async Task RememberFreeTextPollInvitation(string providerMessageId, OutboundMessage invitation)
    {
        KeepNewest(stored.State.FreeTextPollInvitations, new SentPollInvitation(providerMessageId, invitation),
            kept => kept.ProviderMessageId == providerMessageId, RememberedPollInvitations);
        await stored.WriteStateAsync();
    }

    public Task<OutboundMessage?> FreeTextPollInvitation(string providerMessageId) =>
        Task.FromResult(stored.State.FreeTextPollInvitations.Find(kept => kept.ProviderMessageId == providerMessageId)?.Invitation);

    private const int RememberedNotices = 50;

    private const int RememberedPollInvitations = 5;

    // A message sent again under the same provider ID replaces its entry; the oldest go beyond the bound.
    private static void KeepNewest<T>(List<T> remembered, T entry, Predicate<T> sameMessage, int bound)
    {
        remembered.RemoveAll(sameMessage);
        remembered.Add(entry);
        if (remembered.Count > bound)
        {
            remembered.RemoveRange(0, remembered.Count - bound);
        }
    }
}

public sealed class WhatsAppWindowState
{
    public DateTimeOffset? LastInboundAt { get; set; }

    /// <summary>The latest reports' news sent as free text, newest last; bounded.</summary>
    public List<SentNotice> FreeTextNotices { get; set; } = [];

    /// <summary>The latest poll invitations sent as free text or buttons, newest last; bounded.</summary>
    public List<SentPollInvitation> FreeTextPollInvitations { get; set; } = [];
}

public sealed record SentNotice(string ProviderMessageId, NoticeSummary Notice);

public sealed record SentPollInvitation(string ProviderMessageId, OutboundMessage Invitation);
