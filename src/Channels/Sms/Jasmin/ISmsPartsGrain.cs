namespace Lapor.Hub.Channels.Sms.Jasmin;

/// <summary>
/// The parts of one long SMS-MO that reached the hub separately (key: "{phone digits}:{reference}:{total}"). Each part is
/// kept until all are there; then the joined message comes back, with an ID made of the parts' IDs, so a redelivered part
/// yields the same message again and the inbox refuses it as a duplicate.
/// </summary>
[Alias("Lapor.Hub.ISmsPartsGrain")]
public interface ISmsPartsGrain : IGrainWithStringKey
{
    /// <summary>Keeps part <paramref name="sequence"/>; returns the whole message once every part has arrived, else null.</summary>
    [Alias("Add")]
    Task<JoinedSms?> Add(int sequence, string partId, string text);
}

[GenerateSerializer, Immutable, Alias("Lapor.Hub.JoinedSms")]
public sealed record JoinedSms([property: Id(0)] string MessageId, [property: Id(1)] string Text);

public static class SmsPartsGrainExtensions
{
    public static ISmsPartsGrain GetSmsParts(this IGrainFactory grains, string fromDigits, int reference, int total) =>
        grains.GetGrain<ISmsPartsGrain>($"{fromDigits}:{reference}:{total}");
}
