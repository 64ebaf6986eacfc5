using Lapor.Hub.Polls;
using Lapor.Hub.Web.Polls;
using Lapor.Hub.Web.RateLimits;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lapor.Hub.Web.Pages.Public;

/// <summary>Open and closed polls (never drafts), with their totals when the poll shows results.</summary>
[EnableRateLimiting(PublicRateLimits.Reading)]
public sealed class PublicPollsModel(PublicPolls polls, ReportLabels labels) : PageModel
{
    public IReadOnlyList<PollIndexEntry> Open { get; private set; } = [];

    public IReadOnlyList<PollIndexEntry> Closed { get; private set; } = [];

    public ReportLabels Labels => labels;

    public async Task OnGetAsync()
    {
        var all = await polls.ListAsync(page: 1, HttpContext.RequestAborted);
        Open = all.Where(p => p.Status == PollStatus.Open).OrderBy(p => p.ClosesAt).ToArray();
        Closed = all.Where(p => p.Status == PollStatus.Closed).OrderByDescending(p => p.ClosedAt ?? p.ClosesAt).ToArray();
    }
}
