using Lapor.Hub.Channels.Messages;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Channels.Citizens;

[GrainType("citizen")]
internal sealed class CitizenGrain(
    [PersistentState("citizen", GrainStorage.Name)] IPersistentState<CitizenState> stored,
    ILogger<CitizenGrain> logger) : Grain, ICitizenGrain
{
    /// <summary>More than any one person files; the oldest beyond it are forgotten by the link (each chat still keeps its own).</summary>
    private const int ReportsKept = 500;

    private string Phone => this.GetPrimaryKeyString();

    private CitizenState Citizen => stored.State;

    public async Task<IReadOnlyList<CitizenReport>> Link(ChannelAddress address, IReadOnlyList<CitizenReport> filedThere)
    {
        var changed = false;
        if (!IsLinked(address))
        {
            Citizen.LinkedAddresses.Add(address.ToString());
            changed = true;
            logger.LogInformation("Citizen {Phone}: {Address} linked", ChannelAddress.MaskId(Phone), address.Masked);
        }

        foreach (var report in filedThere.Where(r => r.FiledFrom == address.ToString()))
        {
            changed |= Add(report);
        }

        if (changed)
        {
            await stored.WriteStateAsync();
        }

        return Citizen.Reports.ToArray();
    }

    public async Task RecordReport(CitizenReport report)
    {
        if (!IsLinked(ChannelAddress.Parse(report.FiledFrom)))
        {
            logger.LogWarning("Citizen {Phone}: report {TrackingId} from unlinked {Address} not recorded",
                ChannelAddress.MaskId(Phone), report.TrackingId, ChannelAddress.Parse(report.FiledFrom).Masked);
            return;
        }

        if (Add(report))
        {
            await stored.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<CitizenReport>> ReportsFor(ChannelAddress address) =>
        Task.FromResult<IReadOnlyList<CitizenReport>>(IsLinked(address) ? Citizen.Reports.ToArray() : []);

    public Task<IReadOnlyList<ChannelAddress>> Addresses() => Task.FromResult<IReadOnlyList<ChannelAddress>>(
        CitizenLinks.OwnAddresses(Phone).Concat(Citizen.LinkedAddresses.Select(ChannelAddress.Parse)).Distinct().ToArray());

    private bool IsLinked(ChannelAddress address) =>
        CitizenLinks.PhoneOf(address) == Phone || Citizen.LinkedAddresses.Contains(address.ToString());

    private bool Add(CitizenReport report)
    {
        if (Citizen.Reports.Any(r => r.TrackingId == report.TrackingId))
        {
            return false;
        }

        Citizen.Reports.Add(report);
        if (Citizen.Reports.Count > ReportsKept)
        {
            Citizen.Reports.RemoveRange(0, Citizen.Reports.Count - ReportsKept);
        }

        return true;
    }
}

public sealed class CitizenState
{
    /// <summary>Addresses linked on proof ("telegram:12345"); the number's own SMS and WhatsApp addresses need no entry.</summary>
    public List<string> LinkedAddresses { get; set; } = [];

    /// <summary>Reports filed from any of the citizen's addresses, oldest first.</summary>
    public List<CitizenReport> Reports { get; set; } = [];
}
