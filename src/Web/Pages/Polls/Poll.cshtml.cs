using Lapor.Hub.Channels.Polls;
using Lapor.Hub.Polls;
using Lapor.Hub.Reports;
using Lapor.Hub.Web.Polls;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Web.Pages.Polls;

/// <summary>
/// One poll in the console: its definition, the preview per channel, Open and Close early, and the live results with the
/// invitation job's progress (the "live" handler answers JSON for the page's refresh). Another agency's poll is not found.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class PollModel(PollDesk desk, ReportLabels labels, IStringLocalizer<PollText> text, ILogger<PollModel> logger) : PageModel
{
    [FromRoute(Name = "pollId")]
    public string PollId { get; set; } = "";

    public PollView Poll { get; private set; } = null!;

    public InvitationProgress? Invitations { get; private set; }

    public string? Refusal { get; private set; }

    public ReportLabels Labels => labels;

    /// <summary>Citizens are written to in Indonesian unless they chose English: the preview shows the common case.</summary>
    public const string CitizenLanguage = "id";

    public ChannelPreview Chat => PollPreview.Chat(Poll.Definition, CitizenLanguage);

    public WhatsAppPreview WhatsApp => PollPreview.WhatsApp(Poll.Definition, CitizenLanguage);

    public SmsPreview Sms => PollPreview.Sms(Poll.Definition, CitizenLanguage);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnGetLiveAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var results = Poll.Results;
        return new JsonResult(new
        {
            status = Poll.Status.ToString(),
            statusLabel = text[$"Status{Poll.Status}"].Value,
            options = Poll.Definition.Options,
            total = results?.Total ?? 0,
            byOption = results?.ByOption ?? [],
            byChannel = results?.ByChannel.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new { key = c.Key, name = c.Key, counts = c.Value }).ToArray() ?? [],
            byRegion = results?.ByRegion.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new { key = r.Key, name = labels.Region(r.Key), counts = r.Value }).ToArray() ?? [],
            invitations = Invitations is { } progress
                ? new { total = progress.Total, invited = progress.Invited, skipped = progress.Skipped, finished = progress.Finished, label = ProgressLabel(progress) }
                : null,
        });
    }

    public Task<IActionResult> OnPostOpenAsync() => ActAsync(PollCommand.Open);

    public Task<IActionResult> OnPostCloseAsync() => ActAsync(PollCommand.Close);

    public string ProgressLabel(InvitationProgress progress) => text["InvitationProgress", progress.Invited, progress.Total, progress.Skipped];

    private async Task<IActionResult> ActAsync(PollCommand command)
    {
        if (PollDesk.ActorOf(HttpContext) is not { } actor || !await LoadAsync())
        {
            return NotFound();
        }

        try
        {
            var grain = desk.Poll(PollId);
            Poll = command == PollCommand.Open ? await grain.Open(actor) : await grain.Close(actor);
        }
        catch (PollRuleViolation violation)
        {
            logger.LogInformation("{Command} of poll {PollId} refused: {Code} {Message}", command, PollId, violation.Code, violation.Message);
            if (violation.Code is PollRuleViolation.Forbidden or PollRuleViolation.NotFound)
            {
                return NotFound();
            }

            await LoadAsync();
            Refusal = violation.Code == PollRuleViolation.IllegalTransition ? text["RefusedTransition", text[$"Status{Poll.Status}"]] : violation.Message;
            return Page();
        }

        logger.LogInformation("Poll {PollId} {Command} by {ActorKind}", PollId, command, actor.Kind);
        return Redirect(DraftModel.DetailPath(PollId));
    }

    private async Task<bool> LoadAsync()
    {
        if (PollDesk.ActorOf(HttpContext) is not { } actor || await desk.FindAsync(PollId, actor) is not { } poll)
        {
            return false;
        }

        Poll = poll;
        Invitations = await desk.InvitationsAsync(poll);
        return true;
    }

    private enum PollCommand { Open, Close }
}
