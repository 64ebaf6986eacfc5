using Lapor.Hub.Agencies;
using Lapor.Hub.Categories;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Tracking;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Lapor.Hub.Web.Pages.Admin;

/// <summary>
/// One report as the verifying admin sees it, with the four decisions: confirm the suggestion, correct and forward,
/// ask the citizen, or reject. Each form carries a form ID that becomes the command ID, so a double submit acts once.
/// After a decision the admin lands on the next report in the queue.
/// </summary>
public sealed class ReportModel(
    ReportReader reader, IGrainFactory grains, IReportQueries queries, CategoryCatalog categories, AgencyDirectory agencies,
    ReportLabels labels, ActorNames actorNames, IStringLocalizer<AdminText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string TrackingId { get; set; } = "";

    public VisibleReport Visible { get; private set; } = null!;

    public ReportView Report => Visible.Report;

    public string Display => Tracking.TrackingId.Parse(Report.TrackingId).ToDisplayString();

    public string FormId { get; } = Guid.NewGuid().ToString("N");

    public string? Error { get; private set; }

    /// <summary>What the admin typed into the forms, shown again when a decision is refused so nothing is lost.</summary>
    public TypedDecision Typed { get; private set; } = new();

    public IReadOnlyCollection<Category> Categories => categories.All;

    public IReadOnlyList<AgencyProfile> Agencies => agencies.Seed;

    public bool AwaitsVerification => Report.Status is ReportStatus.Submitted or ReportStatus.NeedsClarification;

    public ReportLabels Labels => labels;

    public string CategoryName(string? code) => labels.Category(code);

    public string AgencyName(string? code) => labels.Agency(code);

    /// <summary>Who did a step of the history, in the page's language: "Warga via Telegram (Budi)", "Admin admin.uji".</summary>
    public ActorNames ActorNames => actorNames;

    public string ActorName(Actor actor) => actorNames.Describe(actor, Report.Submission);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostConfirmAsync(string? category, string? agency, string? formId) =>
        OnPostForwardAsync(category, agency, note: null, formId);

    public async Task<IActionResult> OnPostForwardAsync(string? category, string? agency, string? note, string? formId)
    {
        Typed = Typed with { Category = category, Agency = agency, Note = note };
        var categoryCode = PickedCode.Of(category, categories.All.Select(c => (c.Code, c.Name)));
        var agencyCode = PickedCode.Of(agency, agencies.Seed.Select(a => (a.Code, a.Name)));
        return await ActAsync(
            () => !categories.Contains(categoryCode) ? text["UnknownCategory"].Value
                : !agencies.Codes.Contains(agencyCode) ? text["UnknownAgency"].Value
                : TooLong(note),
            (grain, actor) => grain.Forward(new ForwardReport(actor, categoryCode, agencyCode, Blank(note), formId)),
            () => text["Forwarded", Display, AgencyName(agencyCode)].Value);
    }

    public async Task<IActionResult> OnPostClarifyAsync(string? question, string? formId)
    {
        Typed = Typed with { Question = question };
        return await ActAsync(
            () => string.IsNullOrWhiteSpace(question) ? text["QuestionRequired"].Value : TooLong(question),
            (grain, actor) => grain.RequestClarification(new RequestClarification(actor, question!.Trim(), formId)),
            () => text["ClarificationSent", Display].Value);
    }

    public async Task<IActionResult> OnPostRejectAsync(RejectionReason? reason, string? explanation, string? duplicateOf, string? formId)
    {
        Typed = Typed with { Reason = reason, Explanation = explanation, DuplicateOf = duplicateOf };
        string? original = null;
        return await ActAsync(
            () =>
            {
                if (reason is null)
                {
                    return text["ReasonRequired"].Value;
                }

                if (reason == RejectionReason.Duplicate)
                {
                    if (!Tracking.TrackingId.TryParse(duplicateOf ?? "", out var id) || id.Value == Report.TrackingId)
                    {
                        return text["DuplicateRequired"].Value;
                    }

                    original = id.Value;
                }

                return TooLong(explanation);
            },
            (grain, actor) => grain.Reject(new RejectReport(actor, reason!.Value, Blank(explanation), original, formId)),
            () => text["Rejected", Display].Value);
    }

    private async Task<IActionResult> ActAsync(Func<string?> validate, Func<IReportGrain, Actor, Task<ReportView>> act, Func<string> done)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Error = validate();
        if (Error is null)
        {
            try
            {
                await act(grains.GetReport(Tracking.TrackingId.Parse(Report.TrackingId)), Visible.Viewer.ToActor());
                TempData["Notice"] = done();
                var next = await IndexModel.NextInQueueAsync(queries, Report.TrackingId, HttpContext.RequestAborted);
                return Redirect(next is null ? "/admin" : $"/admin/laporan/{Tracking.TrackingId.Parse(next).ToDisplayString()}");
            }
            catch (ReportRuleViolation violation)
            {
                Error = violation.Code == ReportRuleViolation.IllegalTransition ? text["NotActionable"].Value : violation.Message;
                await LoadAsync();
            }
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (!Tracking.TrackingId.TryParse(TrackingId, out var id))
        {
            return false;
        }

        var visible = await reader.ReadAsync(HttpContext, id);
        if (visible is null)
        {
            return false;
        }

        Visible = visible;
        return true;
    }

    private string? TooLong(string? value) =>
        value is { Length: > MessageLimits.MaxMessageLength } ? text["TooLong", MessageLimits.MaxMessageLength].Value : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
