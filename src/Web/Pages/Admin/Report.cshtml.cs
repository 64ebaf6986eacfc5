using Lapor.Hub.Agencies;
using Lapor.Hub.Categories;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Commands;
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
    ReportLabels labels, ActorNames actorNames, DeliveryNames deliveryNames, IStringLocalizer<AdminText> text) : PageModel
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

    /// <summary>What this admin may do to the report now, as the domain's access rules and transition table say.</summary>
    public IReadOnlySet<ReportAction> Actions => ReportAccess.ActionsNow(Report, Visible.Viewer);

    /// <summary>Still being verified: the report can still be rejected, so the decision forms are shown.</summary>
    public bool AwaitsVerification => Actions.Contains(ReportAction.Reject);

    public ReportLabels Labels => labels;

    public string CategoryName(string? code) => labels.Category(code);

    public string AgencyName(string? code) => labels.Agency(code);

    /// <summary>Who did a step of the history, in the page's language: "Warga via Telegram (Budi)", "Admin admin.uji".</summary>
    public ActorNames ActorNames => actorNames;

    public string ActorName(Actor actor) => actorNames.Describe(actor, Report.Submission);

    /// <summary>How the message about each history entry fared: "Pesan ke warga lewat WhatsApp · dibaca".</summary>
    public DeliveryNames DeliveryNames => deliveryNames;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostConfirmAsync(string? category, string? agency, string? formId) =>
        OnPostForwardAsync(category, agency, note: null, formId);

    public async Task<IActionResult> OnPostForwardAsync(string? category, string? agency, string? note, string? formId)
    {
        Typed = Typed with { Category = category, Agency = agency, Note = note };
        var categoryCode = PickedCode.Of(category, categories.All.Select(c => (c.Code, c.Name)));
        var agencyCode = PickedCode.Of(agency, agencies.Seed.Select(a => (a.Code, a.Name)));
        return await ActAsync(
            (commands, id, open) => commands.ForwardAsync(id, Visible.Viewer, open, categoryCode, agencyCode, Blank(note), formId),
            field => field switch { "categoryCode" => "UnknownCategory", "agencyCode" => "UnknownAgency", _ => null },
            () => text["Forwarded", Display, AgencyName(agencyCode)].Value);
    }

    public async Task<IActionResult> OnPostClarifyAsync(string? question, string? formId)
    {
        Typed = Typed with { Question = question };
        return await ActAsync(
            (commands, id, open) => commands.AskAsync(id, Visible.Viewer, open, question, formId),
            field => field == "question" && string.IsNullOrWhiteSpace(question) ? "QuestionRequired" : null,
            () => text["ClarificationSent", Display].Value);
    }

    public async Task<IActionResult> OnPostRejectAsync(RejectionReason? reason, string? explanation, string? duplicateOf, string? formId)
    {
        Typed = Typed with { Reason = reason, Explanation = explanation, DuplicateOf = duplicateOf };
        return await ActAsync(
            (commands, id, open) => commands.RejectAsync(id, Visible.Viewer, open, reason, Blank(explanation),
                reason == RejectionReason.Duplicate ? duplicateOf?.Trim() : null, formId),
            field => field == "reason" ? "ReasonRequired" : null,
            () => text["Rejected", Display].Value);
    }

    /// <summary>
    /// Sends the decision through the one command door and shows a refusal in the admin's words: <paramref name="requiredText"/>
    /// names the text for a field the door found missing (null: the field was too long).
    /// </summary>
    private async Task<IActionResult> ActAsync(
        Func<ReportCommandService, Tracking.TrackingId, Func<Task<ReportView?>>, Task<ReportCommandResult>> act,
        Func<string, string?> requiredText, Func<string> done)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        try
        {
            var id = Tracking.TrackingId.Parse(Report.TrackingId);
            var result = await act(new ReportCommandService(grains), id, () => Task.FromResult<ReportView?>(Report));
            if (result.Succeeded)
            {
                TempData["Notice"] = done();
                var next = await IndexModel.NextInQueueAsync(queries, Report.TrackingId, HttpContext.RequestAborted);
                return Redirect(next is null ? "/admin" : $"/admin/laporan/{Tracking.TrackingId.Parse(next).ToDisplayString()}");
            }

            if (result.Refusal != CommandRefusal.Invalid)
            {
                return NotFound();
            }

            var field = result.Errors!.Keys.First();
            Error = requiredText(field) is { } key ? text[key].Value : text["TooLong", CommandLimits.MaxMessageLength].Value;
        }
        catch (ReportRuleViolation violation)
        {
            Error = violation.Code switch
            {
                ReportRuleViolation.IllegalTransition => text["NotActionable"].Value,
                ReportRuleViolation.UnknownCategory => text["UnknownCategory"].Value,
                ReportRuleViolation.UnknownAgency => text["UnknownAgency"].Value,
                // The report's own rule on duplicates: the original must be another report, named by a valid tracking ID.
                ReportRuleViolation.Invalid when Typed.Reason == RejectionReason.Duplicate => text["DuplicateRequired"].Value,
                _ => violation.Message,
            };
            await LoadAsync();
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

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
