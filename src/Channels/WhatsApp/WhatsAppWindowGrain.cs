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
}

public sealed class WhatsAppWindowState
{
    public DateTimeOffset? LastInboundAt { get; set; }
}
