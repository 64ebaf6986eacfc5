namespace Lapor.Hub.Agencies;

/// <summary>The codes of the agencies this hub knows, from the seed file; their state lives in the agency grains.</summary>
public sealed class AgencyDirectory(IReadOnlyList<AgencyProfile> seed)
{
    public IReadOnlyList<AgencyProfile> Seed { get; } = seed;

    public IReadOnlyList<string> Codes { get; } = seed.Select(a => a.Code).ToArray();
}
