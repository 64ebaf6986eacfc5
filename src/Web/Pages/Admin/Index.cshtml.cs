using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lapor.Hub.Web.Pages.Admin;

/// <summary>The verification queue: what waits for an admin, nearest deadline first, overdue ones marked.</summary>
public sealed class IndexModel(IReportQueries queries, ReportReader reader) : PageModel
{
    public const int PageSize = 25;

    public static IReadOnlyList<ReportStatus> Waiting { get; } = [ReportStatus.Submitted, ReportStatus.NeedsClarification];

    [BindProperty(SupportsGet = true)]
    public ReportStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool OverdueOnly { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ReportPage Reports { get; private set; } = new([], 0, 1, PageSize);

    public int PageCount => Math.Max(1, (Reports.Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync()
    {
        var status = Status is { } chosen && Waiting.Contains(chosen) ? chosen : (ReportStatus?)null;
        var query = ReportListScope.For(reader.ViewerOf(HttpContext), new ReportListQuery(
            StatusIn: status is null ? Waiting : [status.Value],
            Overdue: OverdueOnly ? true : null,
            Search: Q is { Length: > 0 and <= ReportListQuery.MaxSearchLength } ? Q : null,
            Page: Math.Max(PageNumber, 1), PageSize: PageSize, Order: ReportOrder.DueSoonestFirst));
        Reports = await queries.ListAsync(query, HttpContext.RequestAborted);
    }

    /// <summary>The query string of this list at another page, keeping the filters.</summary>
    public string PageLink(int page) =>
        $"/admin?status={Status}&overdueOnly={OverdueOnly.ToString().ToLowerInvariant()}&q={Uri.EscapeDataString(Q ?? "")}&p={page}";

    /// <summary>The next report an admin should handle after <paramref name="done"/>, or null when the queue is empty.</summary>
    public static async Task<string?> NextInQueueAsync(IReportQueries queries, string done, CancellationToken cancellationToken)
    {
        var next = await queries.ListAsync(new ReportListQuery(StatusIn: Waiting, PublishedOnly: false, PageSize: 2,
            Order: ReportOrder.DueSoonestFirst), cancellationToken);
        return next.Items.FirstOrDefault(r => r.TrackingId != done)?.TrackingId;
    }
}
