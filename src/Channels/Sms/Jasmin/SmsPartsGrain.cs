using System.Security.Cryptography;
using System.Text;

namespace Lapor.Hub.Channels.Sms.Jasmin;

[GrainType("sms-parts")]
internal sealed class SmsPartsGrain(
    [PersistentState("sms-parts", GrainStorage.Name)] IPersistentState<SmsPartsState> stored,
    TimeProvider time) : Grain, ISmsPartsGrain
{
    // Parts that never complete are forgotten after this: the reference number (one byte) is reused by the phone soon enough.
    private static readonly TimeSpan PartsKeptFor = TimeSpan.FromDays(1);

    private SmsPartsState Parts => stored.State;

    public async Task<JoinedSms?> Add(int sequence, string partId, string text)
    {
        var total = int.Parse(this.GetPrimaryKeyString().Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var now = time.GetUtcNow();
        var known = Parts.Parts.GetValueOrDefault(sequence);
        if (known?.Id == partId && Parts.Parts.Count == total)
        {
            return Joined(); // a redelivery of a part of a message already joined
        }

        // A new message reusing the reference, or a stale half of an old one: start again.
        if ((known is not null && known.Id != partId && Parts.Parts.Count == total) || (Parts.FirstAt is { } first && now - first > PartsKeptFor))
        {
            Parts.Parts.Clear();
            Parts.FirstAt = null;
        }

        Parts.FirstAt ??= now;
        Parts.Parts[sequence] = new SmsPart(partId, text);
        await stored.WriteStateAsync();
        return Parts.Parts.Count == total ? Joined() : null;
    }

    private JoinedSms Joined()
    {
        var ordered = Parts.Parts.OrderBy(part => part.Key).Select(part => part.Value).ToArray();
        var ids = string.Join('\n', ordered.Select(part => part.Id));
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ids)))[..32];
        return new JoinedSms($"joined-{digest}", string.Concat(ordered.Select(part => part.Text)));
    }
}

public sealed class SmsPartsState
{
    public Dictionary<int, SmsPart> Parts { get; set; } = [];

    public DateTimeOffset? FirstAt { get; set; }
}

public sealed record SmsPart(string Id, string Text);
