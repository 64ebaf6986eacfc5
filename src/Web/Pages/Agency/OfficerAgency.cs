using Lapor.Hub.Agencies;

namespace Lapor.Hub.Web.Pages.Agency;

/// <summary>The agency an officer works for, as the pages show it: its name and the time zone its deadlines are read in.</summary>
public sealed record OfficerAgency(string Code, string Name, string ZoneLabel)
{
    public static OfficerAgency Of(string code, AgencyDirectory agencies) =>
        agencies.Seed.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.OrdinalIgnoreCase)) is { } profile
            ? new OfficerAgency(profile.Code, profile.Name, Localization.SiteText.ZoneLabel(profile.TimeZone))
            : new OfficerAgency(code, code, "WIB");
}
