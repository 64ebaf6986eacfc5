using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lapor.Hub.Web.Pages.Admin;

/// <summary>Who opened which secret report, newest first; admins can narrow it to one report.</summary>
public sealed class AuditModel(SecretAccessAudit audit) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Report { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<SecretAccess> Accesses { get; private set; } = [];

    public bool HasMore { get; private set; }

    public async Task OnGetAsync()
    {
        var trackingId = Tracking.TrackingId.TryParse(Report ?? "", out var id) ? id.Value : null;
        PageNumber = Math.Max(PageNumber, 1);
        var rows = await audit.ReadAsync(trackingId, PageSize + 1, (PageNumber - 1) * PageSize, HttpContext.RequestAborted);
        HasMore = rows.Count > PageSize;
        Accesses = rows.Take(PageSize).ToArray();
    }
}
