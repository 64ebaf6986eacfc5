using Lapor.Hub.Agencies;
using Lapor.Hub.Regions;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Reports.Filing;
using Lapor.Hub.Tracking;

namespace Lapor.Hub.Reports.Commands;

/// <summary>
/// The one door for every report command (file, ask, forward, reject, follow up, reply), used by the HTTP API, the console pages
/// and the chat alike: it authorizes through <see cref="ReportAccess"/>, validates the input with the limits of
/// <see cref="CommandLimits"/>, and sends the command to the report with the caller's idempotency key. The report itself
/// then applies the lifecycle (<see cref="ReportTransitions"/>) and throws <see cref="ReportRuleViolation"/> when it refuses.
/// </summary>
/// <remarks>
/// <c>open</c> reads the report as the viewer may see it (null when they may not); it is called only once the viewer's kind
/// may take the action, so a refused attempt does not open, and audit, a secret report.
/// </remarks>
public sealed class ReportCommandService(IGrainFactory grains)
{
    /// <summary>
    /// Files a citizen's submission: cleaned and validated once (with any errors the door found in its own input), then
    /// sent through the filing grain under the caller's filing key, so a retried filing returns the same report.
    /// <paramref name="admit"/> is the door's throttle, asked only for valid input; false means throttled.
    /// A <paramref name="filingKey"/> the door made up for a caller that sent none (<paramref name="retryable"/> false)
    /// can never come again, so that filing skips the filing grain.
    /// </summary>
    public async Task<FilingResult> FileAsync(
        ReportSubmission submission, string filingKey, RegionCatalog regions, ChannelCatalog channels,
        InputErrors? doorErrors = null, Func<Task<bool>>? admit = null, bool retryable = true)
    {
        var cleaned = submission.Cleaned();
        var errors = doorErrors ?? new InputErrors();
        errors.Merge(cleaned.Validate(regions, channels));
        if (errors.Any)
        {
            return new FilingResult(null, errors.ToDictionary());
        }

        if (admit is not null && !await admit())
        {
            return FilingResult.Throttled;
        }

        return new FilingResult(retryable
            ? await grains.GetGrain<IReportFilingGrain>(filingKey).File(cleaned)
            : await KeylessFiling.FileAsync(grains, cleaned, filingKey));
    }

    public Task<ReportCommandResult> AskAsync(
        TrackingId id, Viewer viewer, Func<Task<ReportView?>> open, string? question, string? commandId) =>
        RunAsync(ReportAction.RequestClarification, id, viewer, open,
            errors => errors.RequireLength("question", question, 1, CommandLimits.MaxMessageLength),
            (grain, actor) => grain.RequestClarification(new RequestClarification(actor, question!.Trim(), commandId)));

    public Task<ReportCommandResult> ForwardAsync(
        TrackingId id, Viewer viewer, Func<Task<ReportView?>> open, string? categoryCode, string? agencyCode, string? note, string? commandId) =>
        RunAsync(ReportAction.Forward, id, viewer, open, errors =>
            {
                errors.RequireLength("categoryCode", categoryCode, 1, CommandLimits.MaxCategoryCodeLength);
                errors.RequireLength("agencyCode", agencyCode, 1, CommandLimits.MaxAgencyCodeLength);
                errors.LimitLength("note", note, CommandLimits.MaxMessageLength);
            },
            (grain, actor) => grain.Forward(new ForwardReport(actor, Code(categoryCode), Code(agencyCode), note, commandId)));

    public Task<ReportCommandResult> RejectAsync(
        TrackingId id, Viewer viewer, Func<Task<ReportView?>> open, RejectionReason? reason, string? explanation, string? duplicateOf,
        string? commandId) =>
        RunAsync(ReportAction.Reject, id, viewer, open, errors =>
            {
                if (reason is null)
                {
                    errors.Add("reason", $"Required: one of {string.Join(", ", Enum.GetNames<RejectionReason>())}.");
                }

                errors.LimitLength("explanation", explanation, CommandLimits.MaxMessageLength);
            },
            (grain, actor) => grain.Reject(new RejectReport(actor, reason!.Value, explanation, duplicateOf, commandId)));

    /// <summary>An officer posts for their own agency; an admin names the agency (and optionally the officer) it posts for.</summary>
    public Task<ReportCommandResult> FollowUpAsync(
        TrackingId id, Viewer viewer, Func<Task<ReportView?>> open, string? text, string? commandId,
        string? agencyCode = null, string? officer = null, IReadOnlyList<string>? mediaIds = null) =>
        RunAsync(ReportAction.PostFollowUp, id, viewer, open, errors =>
            {
                if (!viewer.IsOfficer)
                {
                    errors.RequireLength("agencyCode", agencyCode, 1, CommandLimits.MaxAgencyCodeLength);
                }

                errors.RequireLength("text", text, 1, CommandLimits.MaxMessageLength);
            },
            (grain, actor) => grain.PostFollowUp(new PostFollowUp(
                viewer.IsOfficer ? actor : Actor.Officer(officer ?? actor.Id, Code(agencyCode)), text!.Trim(), commandId, mediaIds)));

    /// <summary>The citizen (as the reporter) or an admin writes in the thread; the citizen's reply answers a pending question.</summary>
    public Task<ReportCommandResult> ReplyAsync(
        TrackingId id, Viewer viewer, Func<Task<ReportView?>> open, string? text, string? commandId, Actor? actor = null) =>
        RunAsync(ReportAction.Reply, id, viewer, open,
            errors => errors.RequireLength("text", text, 1, CommandLimits.MaxMessageLength),
            (grain, viewerActor) => grain.Reply(new PostReply(actor ?? viewerActor, text!.Trim(), commandId)));

    private async Task<ReportCommandResult> RunAsync(
        ReportAction action, TrackingId id, Viewer viewer, Func<Task<ReportView?>> open, Action<InputErrors> validate,
        Func<IReportGrain, Actor, Task<ReportView>> send)
    {
        if (viewer.Kind == ViewerKind.Public)
        {
            return ReportCommandResult.Refused(CommandRefusal.SignInRequired);
        }

        if (!ReportAccess.MayAttempt(action, viewer))
        {
            return ReportCommandResult.Refused(CommandRefusal.NotAllowed);
        }

        if (await open() is not { } report || !ReportAccess.MayAct(action, report, viewer))
        {
            return ReportCommandResult.Refused(CommandRefusal.NotFound);
        }

        var errors = new InputErrors();
        validate(errors);
        if (errors.Any)
        {
            return ReportCommandResult.Invalid(errors);
        }

        return new ReportCommandResult(await send(grains.GetReport(id), viewer.ToActor()));
    }

    private static string Code(string? code) => code!.Trim().ToUpperInvariant();
}

/// <summary>The length limits of command input, in one place for every door.</summary>
public static class CommandLimits
{
    public const int MaxMessageLength = MessageLimits.MaxMessageLength;

    public const int MaxCategoryCodeLength = 64;

    public const int MaxAgencyCodeLength = AgencyProfile.MaxCodeLength;
}
