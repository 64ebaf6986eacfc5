using Lapor.Hub.Agencies;
using Lapor.Hub.Categories;
using Lapor.Hub.Regions;

namespace Lapor.Hub.Web.Reports;

/// <summary>Names for the codes a report carries, from the catalogues; an unknown code is shown as itself. One for every page and export.</summary>
public sealed class ReportLabels(CategoryCatalog categories, AgencyDirectory agencies, RegionCatalog regions)
{
    public IEnumerable<Category> Categories => categories.All.OrderBy(c => c.Name, StringComparer.CurrentCulture);

    public IEnumerable<AgencyProfile> Agencies => agencies.Seed.OrderBy(a => a.Name, StringComparer.CurrentCulture);

    /// <summary>Provinces, each followed by its regencies and cities.</summary>
    public IEnumerable<IGrouping<Region, Region>> RegionsByProvince =>
        regions.All.Where(r => !r.IsProvince).GroupBy(r => regions.Find(r.ProvinceCode) ?? r)
            .OrderBy(g => g.Key.Name, StringComparer.CurrentCulture);

    public string Category(string? code) => code is null ? "" : categories.Find(code)?.Name ?? code;

    public string Agency(string? code) => code is null ? "" : Profile(code)?.Name ?? code;

    public string Region(string? code) => code is null ? "" : regions.Find(code)?.Name ?? code;

    /// <summary>WIB, WITA or WIT: the agency's own time, in which its public reads deadlines and follow-ups.</summary>
    public string TimeZoneOf(string? agencyCode) => Localization.SiteText.ZoneLabel(agencyCode is null ? null : Profile(agencyCode)?.TimeZone);

    private AgencyProfile? Profile(string code) => agencies.Seed.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.Ordinal));
}
