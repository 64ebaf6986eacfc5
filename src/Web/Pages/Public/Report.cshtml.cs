using Lapor.Hub.Agencies;
using Lapor.Hub.Categories;
using Lapor.Hub.Regions;
using Lapor.Hub.Tracking;
using Lapor.Hub.Web.Privacy;
using Lapor.Hub.Web.RateLimits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lapor.Hub.Web.Pages.Public;

/// <summary>One report as the visitor may see it; a report they may not see is answered exactly like a missing one.</summary>
[EnableRateLimiting(PublicRateLimits.Reading)]
public sealed class ReportModel(ReportReader reader, CategoryCatalog categories, AgencyDirectory agencies, RegionCatalog regions) : PageModel
{
    public ReportDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string trackingId)
    {
        if (!TrackingId.TryParse(trackingId, out var id) || await reader.ReadAsync(HttpContext, id) is not { } visible)
        {
            return NotFound();
        }

        Detail = new ReportDetail(visible, new ReportLabels(categories, agencies, regions));
        return Page();
    }
}
