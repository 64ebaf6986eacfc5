using Lapor.Hub.Agencies;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Commands;
using Lapor.Hub.Tracking;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Web.Pages.Agency;

/// <summary>One report as its agency sees it, with the follow-up form. Opened only through <see cref="ReportReader"/>.</summary>
[FollowUpAttachment.RequestLimit]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ReportModel(
    ReportReader reader, IGrainFactory grains, IMediaStore media, FollowUpAttachment attachments, AgencyDirectory agencies, ReportLabels labels, DeliveryNames deliveryNames, IStringLocalizer<AgencyText> text, IStringLocalizer<Localization.SiteText> site, ILogger<ReportModel> logger) : PageModel
{
    public sealed record Attachment(string Url, bool IsImage);

    public VisibleReport Visible { get; private set; } = null!;

    /// <summary>How the message about a thread entry fared, e.g. whether the citizen got the follow-up.</summary>
    public DeliveryNames DeliveryNames => deliveryNames;

    public string DisplayId { get; private set; } = "";

    public OfficerAgency Agency { get; private set; } = null!;

    public IReadOnlyList<Attachment> Attachments { get; private set; } = [];

    /// <summary>The largest attachment accepted, in MB, from <c>Media:MaxBytes</c>.</summary>
    public string AttachmentMaxMegabytes => attachments.MaxMegabytes;

    /// <summary>Generated when the form is shown and sent back with it, so a double submit posts one follow-up.</summary>
    [BindProperty(Name = "formId")]
    public string? FormId { get; set; }

    [BindProperty(Name = "text")]
    public string? FollowUpText { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Why the report's rules refused the follow-up, in words for the officer.</summary>
    public string? Refusal { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public bool AcceptsFollowUp => Visible.CanPostFollowUp && ReportTransitions.IsLegal(Visible.Report.Status, ReportAction.PostFollowUp);

    public string? CategoryName => Visible.Report.CategoryCode is { } code ? labels.Category(code) : null;

    public string? RegionName => Visible.Report.Submission.RegionCode is { } code ? labels.Region(code) : null;

    /// <summary>The messages of the report's history, each with who wrote it: by role only, as for everyone but admins.</summary>
    public IEnumerable<(ReportEvent Entry, string LabelKey, string? Side)> Thread =>
        Visible.Report.History.Where(e => !string.IsNullOrWhiteSpace(e.Text)).Select(e => e.Kind switch
        {
            ReportEventKind.FollowUpPosted => (e, "ThreadFollowUp", "agency"),
            ReportEventKind.ReplyPosted when e.Actor.Kind == ActorKind.Citizen => (e, "ThreadCitizenReply", "citizen"),
            ReportEventKind.ReplyPosted => (e, "ThreadAdminReply", (string?)null),
            ReportEventKind.ClarificationProvided => (e, "ThreadAnswer", "citizen"),
            ReportEventKind.ClarificationRequested => (e, "ThreadQuestion", null),
            ReportEventKind.Forwarded => (e, "ThreadForwardNote", null),
            _ => (e, "ThreadNote", null),
        });

    public async Task<IActionResult> OnGetAsync(string trackingId)
    {
        if (!await OpenAsync(trackingId))
        {
            return NotFound();
        }

        FormId = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string trackingId, IFormFile? attachment)
    {
        if (!await OpenAsync(trackingId) || !Visible.CanPostFollowUp)
        {
            return NotFound();
        }

        var message = Validate(attachment);
        if (message is null)
        {
            return Page();
        }

        string[]? mediaIds = null;
        if (FollowUpAttachment.IsPresent(attachment))
        {
            if (await FollowUpAttachment.SaveAsync(attachment!, media, HttpContext.RequestAborted) is not { } stored)
            {
                Errors["attachment"] = text["AttachmentRejected", attachments.MaxMegabytes];
                return Page();
            }

            mediaIds = [stored.Id];
        }

        try
        {
            var sent = await new ReportCommandService(grains).FollowUpAsync(TrackingId.Parse(Visible.Report.TrackingId), Visible.Viewer,
                () => Task.FromResult<ReportView?>(Visible.Report), message, $"console-follow-up:{FormId}", mediaIds: mediaIds);
            if (!sent.Succeeded)
            {
                return NotFound();
            }
        }
        catch (ReportRuleViolation violation)
        {
            logger.LogInformation("Follow-up on {TrackingId} refused: {Code} {Message}", Visible.Report.TrackingId, violation.Code, violation.Message);
            // The report changed since the page was opened: show it as it is now, with the reason.
            if (!await OpenAsync(trackingId))
            {
                return NotFound();
            }

            Refusal = violation.Code switch
            {
                ReportRuleViolation.IllegalTransition => text["RefusedIllegalTransition", site[$"Status{Visible.Report.Status}"]],
                ReportRuleViolation.WrongAgency => text["RefusedWrongAgency"],
                _ => text["RefusedOther", violation.Message],
            };
            return Page();
        }

        Notice = text["FollowUpSent"];
        return Redirect($"/instansi/laporan/{DisplayId}");
    }

    /// <summary>The trimmed follow-up text when the form is valid; otherwise null with <see cref="Errors"/> filled in.</summary>
    private string? Validate(IFormFile? attachment)
    {
        var message = FollowUpText?.Trim();
        if (string.IsNullOrEmpty(message))
        {
            Errors["text"] = text["TextRequired"];
        }
        else if (message.Length > CommandLimits.MaxMessageLength)
        {
            Errors["text"] = text["TextTooLong", CommandLimits.MaxMessageLength];
        }

        if (!Guid.TryParseExact(FormId, "N", out _))
        {
            // A form from an old page or a hand-made request: start a fresh one rather than guess.
            FormId = Guid.NewGuid().ToString("N");
            Errors["form"] = text["FormExpired"];
        }

        if (FollowUpAttachment.IsPresent(attachment) && attachments.IsTooLarge(attachment!))
        {
            Errors["attachment"] = text["AttachmentRejected", attachments.MaxMegabytes];
        }

        return Errors.Count == 0 ? message : null;
    }

    private async Task<bool> OpenAsync(string trackingId)
    {
        if (!TrackingId.TryParse(trackingId, out var id) || await reader.ReadAsync(HttpContext, id) is not { } visible || !visible.Viewer.IsOfficer)
        {
            return false;
        }

        Visible = visible;
        DisplayId = id.ToDisplayString();
        Agency = OfficerAgency.Of(visible.Viewer.AgencyCode!, agencies);
        Attachments = visible.ShowsContent ? await AttachmentsOf(visible.Report.Submission) : [];
        return true;
    }

    private async Task<IReadOnlyList<Attachment>> AttachmentsOf(ReportSubmission submission)
    {
        var found = new List<Attachment>();
        foreach (var mediaId in submission.MediaIds ?? [])
        {
            if (await media.OpenPublicAsync(mediaId, HttpContext.RequestAborted) is { } opened)
            {
                await opened.Content.DisposeAsync();
                found.Add(new Attachment($"/media/{Uri.EscapeDataString(mediaId)}", opened.File.ContentType.StartsWith("image/", StringComparison.Ordinal)));
            }
        }

        return found;
    }
}
