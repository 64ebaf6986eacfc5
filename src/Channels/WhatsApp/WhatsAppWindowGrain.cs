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
        var remembered = stored.State.FreeTextNotices;
        remembered.RemoveAll(kept => kept.ProviderMessageId == providerMessageId);
        remembered.Add(new SentNotice(providerMessageId, notice));
        if (remembered.Count > RememberedNotices)
        {
            remembered.RemoveRange(0, remembered.Count - RememberedNotices);
        }

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
        var remembered = stored.State.FreeTextPollInvitations;
        remembered.RemoveAll(kept => kept.ProviderMessageId == providerMessageId);
        remembered.Add(new SentPollInvitation(providerMessageId, invitation));
        if (remembered.Count > RememberedPollInvitations)
        {
            remembered.RemoveRange(0, remembered.Count - RememberedPollInvitations);
        }

        await stored.WriteStateAsync();
    }

    public Task<OutboundMessage?> FreeTextPollInvitation(string providerMessageId) =>
        Task.FromResult(stored.State.FreeTextPollInvitations.Find(kept => kept.ProviderMessageId == providerMessageId)?.Invitation);

    private const int RememberedNotices = 50;

    private const int RememberedPollInvitations = 5;
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
