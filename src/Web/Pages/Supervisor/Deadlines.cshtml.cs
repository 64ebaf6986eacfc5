using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lapor.Hub.Web.Pages.Supervisor;

/// <summary>The deadline picture for supervisors: who has how much past due or nearly due, and which reports.</summary>
public sealed class DeadlinesModel(
    IReportStatistics statistics, TimeProvider clock, ReportLabels labels) : PageModel
{
    public const int MaxListed = 100;

    public ReportLabels Labels => labels;

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<DeadlineLoad> Load { get; private set; } = [];

    public IReadOnlyList<DueReport> Due { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Now = clock.GetUtcNow();
        Load = (await statistics.DeadlineLoadAsync(Now, HttpContext.RequestAborted))
            .OrderByDescending(l => l.PastDue).ThenByDescending(l => l.WithinDay).ThenBy(l => l.Kind).ThenBy(l => Labels.Agency(l.AgencyCode), StringComparer.CurrentCulture)
            .ToArray();
        Due = await statistics.DueSoonAsync(Now, MaxListed, HttpContext.RequestAborted);
    }
}
