using Lapor.Hub.Agencies;
using Lapor.Hub.Categories;
using Lapor.Hub.Regions;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Web.RateLimits;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lapor.Hub.Web.Pages.Public;

/// <summary>Public figures: published reports per category and agency, and each agency's follow-up record.</summary>
[EnableRateLimiting(PublicRateLimits.Reading)]
public sealed class StatisticsModel(
    IReportStatistics statistics, TimeProvider clock, ReportLabels labels) : PageModel
{
    public ReportLabels Labels => labels;

    public IReadOnlyList<LabelCount> ByCategory { get; private set; } = [];

    public IReadOnlyList<LabelCount> ByAgency { get; private set; } = [];

    public IReadOnlyList<FollowUpRecord> FollowUps { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var cancel = HttpContext.RequestAborted;
        ByCategory = await statistics.PublishedByCategoryAsync(cancel);
        ByAgency = await statistics.PublishedByAgencyAsync(cancel);
        FollowUps = (await statistics.FollowUpRecordsAsync(clock.GetUtcNow(), cancel))
            .OrderByDescending(r => r.OnTimeRate ?? -1).ThenBy(r => Labels.Agency(r.AgencyCode), StringComparer.CurrentCulture).ToArray();
    }
}
