using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.Citizens;

/// <summary>
/// One person behind a verified phone number (key: E.164 digits, "6281234567890"): the channel addresses proven to be
/// theirs and the reports filed from any of them. "sms:" and "whatsapp:" addresses of the number are theirs by
/// construction (the provider authenticated the number); any other address only once <see cref="Link"/> was called on
/// proof (a Telegram contact share of the sender's own number).
/// </summary>
[Alias("Lapor.Hub.ICitizenGrain")]
public interface ICitizenGrain : IGrainWithStringKey
{
    /// <summary>
    /// Links <paramref name="address"/> on proof and adds the reports already filed there; returns every report of the
    /// citizen, for the newly linked chat to treat as its own.
    /// </summary>
    [Alias("Link")]
    Task<IReadOnlyList<CitizenReport>> Link(ChannelAddress address, IReadOnlyList<CitizenReport> filedThere);

    /// <summary>A report filed from one of the citizen's addresses; idempotent by tracking ID. Refused (ignored) from an unlinked address.</summary>
    [Alias("RecordReport")]
    Task RecordReport(CitizenReport report);

    /// <summary>Every address of the citizen: the number's own SMS and WhatsApp addresses and those linked on proof.</summary>
    [Alias("Addresses")]
    Task<IReadOnlyList<ChannelAddress>> Addresses();

    /// <summary>The citizen's reports as <paramref name="address"/> may see them: all of them if it is linked, none otherwise.</summary>
    [Alias("ReportsFor")]
    Task<IReadOnlyList<CitizenReport>> ReportsFor(ChannelAddress address);
}

/// <summary>A report of the citizen: its tracking ID (canonical), the reporter key, and the address it was filed from ("sms:628…").</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.CitizenReport")]
public sealed record CitizenReport(
    [property: Id(0)] string TrackingId,
    [property: Id(1)] string ReporterKey,
    [property: Id(2)] string FiledFrom,
    [property: Id(3)] DateTimeOffset FiledAt);

public static class CitizenGrainExtensions
{
    public static ICitizenGrain GetCitizen(this IGrainFactory grains, string phoneDigits) => grains.GetGrain<ICitizenGrain>(phoneDigits);
}
