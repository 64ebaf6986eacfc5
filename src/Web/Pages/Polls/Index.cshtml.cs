using Lapor.Hub.Polls;
using Lapor.Hub.Reports;
using Lapor.Hub.Web.Polls;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lapor.Hub.Web.Pages.Polls;

/// <summary>The console's polls: an admin sees every agency's, an officer their own agency's (drafts included).</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(PollDesk desk, ReportLabels labels) : PageModel
{
    public IReadOnlyList<PollIndexEntry> Polls { get; private set; } = [];

    public bool IsAdmin { get; private set; }

    public ReportLabels Labels => labels;

    public async Task<IActionResult> OnGetAsync()
    {
        if (PollDesk.ActorOf(HttpContext) is not { } actor)
        {
            return Forbid();
        }

        IsAdmin = actor.Kind == ActorKind.Admin;
        Polls = (await desk.ListAsync(actor, page: 1, HttpContext.RequestAborted))
            .Where(p => PollAccess.MayManage(p.AgencyCode, actor)).ToArray();
        return Page();
    }
}
