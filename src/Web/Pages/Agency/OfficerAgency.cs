using Lapor.Hub.Agencies;
using Lapor.Hub.Calendar;

namespace Lapor.Hub.Web.Pages.Agency;

/// <summary>The agency an officer works for, as the pages show it: its name and the time zone its deadlines are read in.</summary>
public sealed record OfficerAgency(string Code, string Name, string ZoneLabel)
{
    public static OfficerAgency Of(string code, AgencyDirectory agencies) =>
        agencies.Seed.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.OrdinalIgnoreCase)) is { } profile
            ? new OfficerAgency(profile.Code, profile.Name, ZoneLabelOf(profile.TimeZone))
            : new OfficerAgency(code, code, "WIB");

    /// <summary>WIB, WITA or WIT for a zone given either way ("WITA" or "Asia/Makassar"), as <see cref="Localization.SiteText.When"/> takes it.</summary>
    public static string ZoneLabelOf(string? zone)
    {
        if (string.IsNullOrWhiteSpace(zone))
        {
            return "WIB";
        }

        try
        {
            return IndonesianTimeZones.Resolve(zone).BaseUtcOffset.TotalHours switch { 8 => "WITA", 9 => "WIT", _ => "WIB" };
        }
        catch (ArgumentException)
        {
            return "WIB";
        }
    }
}
