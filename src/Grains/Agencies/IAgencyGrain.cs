namespace Lapor.Hub.Agencies;

/// <summary>One agency, keyed by its code.</summary>
[Alias("Lapor.Hub.IAgencyGrain")]
public interface IAgencyGrain : IGrainWithStringKey
{
    /// <summary>The agency, or null when no agency has this code.</summary>
    [Alias("Get")]
    Task<AgencyView?> Get();

    /// <summary>Creates the agency or updates its profile (name, level, time zone).</summary>
    [Alias("Configure")]
    Task<AgencyView> Configure(AgencyProfile profile);

    [Alias("TrackReport")]
    Task TrackReport(AgencyReportUpdate update);
}
