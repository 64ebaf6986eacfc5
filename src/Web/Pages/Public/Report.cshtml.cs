using Lapor.Hub.Tracking;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;
using Lapor.Hub.Web.RateLimits;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lapor.Hub.Web.Pages.Public;

/// <summary>One report as the visitor may see it; a report they may not see is answered exactly like a missing one.</summary>
[EnableRateLimiting(PublicRateLimits.Reading)]
public sealed class ReportModel(ReportReader reader, ReportLabels labels) : PageModel
{
    public ReportDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string trackingId)
    {
        if (!TrackingId.TryParse(trackingId, out var id) || await reader.ReadAsync(HttpContext, id) is not { } visible)
        {
            return NotFound();
        }

        Detail = new ReportDetail(visible, labels);
        return Page();
    }
}
