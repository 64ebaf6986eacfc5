using Lapor.Hub.Polls;
using Lapor.Hub.Web.Polls;
using Lapor.Hub.Web.RateLimits;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lapor.Hub.Web.Pages.Public;

/// <summary>One published poll: the question, its window, and its tallies as a chart and a table once the poll shows them.</summary>
[EnableRateLimiting(PublicRateLimits.Reading)]
public sealed class PublicPollModel(PublicPolls polls, ReportLabels labels) : PageModel
{
    public PollView Poll { get; private set; } = null!;

    public ReportLabels Labels => labels;

    public string CsvPath => PollEndpoints.CsvPath(Poll.PollId);

    /// <summary>By region only where the audience was regional: elsewhere the regions are whoever happened to answer.</summary>
    public bool ShowsRegions => Poll.Definition.Audience.Kind == PollAudienceKind.Regions;

    public async Task<IActionResult> OnGetAsync(string pollId)
    {
        if (await polls.FindAsync(pollId, HttpContext.RequestAborted) is not { } poll)
        {
            return NotFound();
        }

        Poll = poll;
        return Page();
    }
}
