using Lapor.Hub.Agencies;
using Lapor.Hub.Polls;
using Lapor.Hub.Regions;
using Lapor.Hub.Reports;
using Lapor.Hub.Web.Polls;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Web.Pages.Polls;

/// <summary>
/// Creates a poll as a draft or edits a draft. The page only reads the fields; the poll grain decides whether the draft is
/// acceptable and whether this officer may write it (their own agency only), and its refusals are shown by the fields.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class DraftModel(
    PollDesk desk, AgencyDirectory agencies, RegionCatalog regions, ReportLabels labels, TimeProvider clock, IStringLocalizer<PollText> text, ILogger<DraftModel> logger) : PageModel
{
    [BindProperty]
    public PollForm Form { get; set; } = new();

    [FromRoute(Name = "pollId")]
    public string? PollId { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public bool IsAdmin { get; private set; }

    public ReportLabels Labels => labels;

    public IEnumerable<AgencyProfile> Agencies => agencies.Seed.OrderBy(a => a.Name, StringComparer.CurrentCulture);

    public string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (PollDesk.ActorOf(HttpContext) is not { } actor)
        {
            return Forbid();
        }

        IsAdmin = actor.Kind == ActorKind.Admin;
        if (PollId is null)
        {
            Form = PollForm.Blank(clock.GetUtcNow(), actor.AgencyCode);
            return Page();
        }

        if (await desk.FindAsync(PollId, actor) is not { } poll)
        {
            return NotFound();
        }

        if (poll.Status != PollStatus.Draft)
        {
            return Redirect(DetailPath(poll.PollId));
        }

        Form = PollForm.From(poll.Definition);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (PollDesk.ActorOf(HttpContext) is not { } actor)
        {
            return Forbid();
        }

        IsAdmin = actor.Kind == ActorKind.Admin;
        if (!IsAdmin)
        {
            // An officer writes for their own agency; the grain would refuse any other, so the form does not offer it.
            Form.AgencyCode = actor.AgencyCode;
        }

        if (PollId is not null && await desk.FindAsync(PollId, actor) is null)
        {
            return NotFound();
        }

        var problems = new Dictionary<string, string>();
        if (Form.ToDraft(problems) is not { } draft)
        {
            foreach (var (field, key) in problems)
            {
                Errors[field] = text[key];
            }

            return Page();
        }

        // The poll's own rules, asked before the grain so that every broken rule stands by its field at once.
        foreach (var problem in Poll.Validate(draft, regions))
        {
            var field = PollFormFields.Of(problem);
            var shown = PollFormFields.Localized(problem, text);
            Errors[field] = Errors.TryGetValue(field, out var earlier) ? $"{earlier} {shown}" : shown;
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var pollId = PollId ?? PollIds.New();
        try
        {
            await desk.Poll(pollId).SaveDraft(draft, actor);
        }
        catch (PollRuleViolation violation)
        {
            logger.LogInformation("Draft of poll {PollId} refused: {Code} {Message}", pollId, violation.Code, violation.Message);
            if (violation.Code is PollRuleViolation.Forbidden or PollRuleViolation.NotFound)
            {
                return NotFound();
            }

            Errors[PollFormFields.Of(violation)] = violation.Code switch
            {
                PollRuleViolation.IllegalTransition => text["RefusedNotDraft"],
                PollRuleViolation.UnknownAgency => text["UnknownAgency"],
                _ => PollFormFields.Localized(violation.Message, text),
            };
            return Page();
        }

        return Redirect(DetailPath(pollId));
    }

    public static string DetailPath(string pollId) => $"/konsol/polling/{pollId}";
}
