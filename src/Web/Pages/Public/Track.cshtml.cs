using Lapor.Hub.Tracking;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;
using Lapor.Hub.Web.RateLimits;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lapor.Hub.Web.Pages.Public;

/// <summary>
/// Look a report up by its tracking ID (GET, so the address can be shared) or, with the reporter key, by POST: the key
/// proves the visitor filed the report and must never appear in an address or a log line.
/// </summary>
[EnableRateLimiting(PublicRateLimits.Reading)]
public sealed class TrackModel(ReportReader reader, ReportLabels labels) : PageModel
{
    public const int MaxInputLength = 64;

    public string? Id { get; private set; }

    /// <summary>A PublicText key with one argument (the ID as typed), or null.</summary>
    public string? Problem { get; private set; }

    public bool KeyNotAccepted { get; private set; }

    public ReportDetail? Found { get; private set; }

    public Task OnGetAsync(string? id) => id is null ? Task.CompletedTask : LookUpAsync(id, reporterKey: null);

    public Task OnPostAsync(string? id, string? reporterKey) => LookUpAsync(id ?? "", string.IsNullOrWhiteSpace(reporterKey) ? null : reporterKey.Trim());

    private async Task LookUpAsync(string typed, string? reporterKey)
    {
        Id = typed.Trim() is { Length: <= MaxInputLength } trimmed ? trimmed : typed.Trim()[..MaxInputLength];
        if (Id.Length == 0)
        {
            Problem = "MissingTrackingId";
        }
        else if (!TrackingId.TryParse(Id, out var id))
        {
            Problem = "InvalidTrackingId";
        }
        else if (await reader.ReadAsync(HttpContext, id, reporterKey ?? "") is { } visible)
        {
            Id = id.ToDisplayString();
            KeyNotAccepted = reporterKey is not null && visible.Viewer.Kind == ViewerKind.Public;
            Found = new ReportDetail(visible, labels, HeadingLevel: 2);
        }
        else
        {
            Problem = "TrackNotFound";
        }

        if (Problem is not null && Problem != "MissingTrackingId")
        {
            Response.StatusCode = Problem == "TrackNotFound" ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        }
    }
}
