using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.Twilio;

/// <summary>
/// The news a WhatsApp citizen was sent as free text, by Twilio message SID (key: the "whatsapp:…" address). Twilio
/// takes free text outside the 24-hour window and only later reports it failed with error 63016; the status callback
/// then finds the news here and sends it again as the approved template.
/// </summary>
[Alias("Lapor.Hub.ITwilioFreeTextNoticesGrain")]
public interface ITwilioFreeTextNoticesGrain : IGrainWithStringKey
{
    [Alias("Remember")]
    Task Remember(string messageSid, NoticeSummary notice);

    /// <summary>The news sent as <paramref name="messageSid"/>; null if unknown.</summary>
    [Alias("Find")]
    Task<NoticeSummary?> Find(string messageSid);
}

[GrainType("twilio-free-text-notices")]
internal sealed class TwilioFreeTextNoticesGrain(
    [PersistentState("twilio-free-text-notices", GrainStorage.Name)] IPersistentState<TwilioFreeTextNoticesState> stored)
    : Grain, ITwilioFreeTextNoticesGrain
{
    /// <summary>Twilio reports a 63016 within seconds; a citizen gets far fewer messages than this in that time.</summary>
    private const int Kept = 20;

    public async Task Remember(string messageSid, NoticeSummary notice)
    {
        stored.State.Sent.Add(new SentNotice(messageSid, notice));
        if (stored.State.Sent.Count > Kept)
        {
            stored.State.Sent.RemoveRange(0, stored.State.Sent.Count - Kept);
        }

        await stored.WriteStateAsync();
    }

    public Task<NoticeSummary?> Find(string messageSid) =>
        Task.FromResult(stored.State.Sent.LastOrDefault(sent => sent.MessageSid == messageSid)?.Notice);
}

public sealed class TwilioFreeTextNoticesState
{
    public List<SentNotice> Sent { get; set; } = [];
}

public sealed record SentNotice(string MessageSid, NoticeSummary Notice);
