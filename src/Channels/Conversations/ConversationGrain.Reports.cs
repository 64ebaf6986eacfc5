using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Reports.Commands;
using Lapor.Hub.Reports.Throttling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>The dialog effects that reach reports. Calls into report grains allow the call chain back in,
/// because a report answers every change by notifying this very conversation.</summary>
public sealed partial class ConversationGrain
{
    private bool _filing;

    /// <summary>
    /// The chat's own reports: those it filed and those its verified citizen filed from their other addresses
    /// (ADR 22). Nothing else may be answered, replied to or shown as the citizen's.
    /// </summary>
    private bool IsOwn(string trackingId) => IsFiledHere(trackingId) || IsCitizens(trackingId);

    private bool IsFiledHere(string trackingId) => Conversation.Reports.Any(r => r.TrackingId == trackingId);

    /// <summary>The chat is the reporter of the reports it filed and the public for every other one.</summary>
    private Viewer ViewerOf(string trackingId) => IsOwn(trackingId) ? Viewer.Reporter(trackingId) : Viewer.Public;

    private async Task FileAsync(ReportDraft draft, Replies replies)
    {
        var throttle = ServiceProvider.GetRequiredService<IOptions<FilingThrottleOptions>>().Value;
        if (await GrainFactory.TryRecordFilingAsync(throttle, _address.ToString, draft.Id) is { IsAllowed: false } throttled)
        {
            var (key, arguments) = throttled.DialogText(clock.UtcNow);
            await replies.SayAsync(key, arguments);
            return;
        }

        var text = draft.Place is { } place ? $"{draft.Text}\n\n{Text("PlaceLabel")}: {place}" : draft.Text!;
        var submission = new ReportSubmission(text, Title: null, draft.Location, draft.RegionCode, draft.IsAnonymous ?? false,
            draft.IsSecret ?? false, _address.Channel, _address.Id, Conversation.SenderName, draft.Media.Select(m => m.Id).ToArray());
        FilingResult result;
        using (RequestContext.AllowCallChainReentrancy())
        {
            _filing = true;
            try
            {
                // ADR 10: the draft's filing key, so a redelivered message files the same report once.
                result = await Commands.FileAsync(submission, $"{_address}:{draft.Id}", regions, channels);
            }
            finally
            {
                _filing = false;
            }
        }

        if (result.Filed is not { } filed)
        {
            logger.LogInformation("Filing from {Address} refused: {Reason}", _address.Masked, result.ErrorSummary);
            await replies.SayAsync("FilingRefused", result.ErrorSummary);
            return;
        }

        var own = Conversation.Reports.Find(r => r.TrackingId == filed.Report.TrackingId);
        if (own is null)
        {
            own = new OwnReport(filed.Report.TrackingId, filed.ReporterKey!, clock.UtcNow);
            Conversation.Reports.Add(own);
        }

        await RecordWithCitizenAsync(own);

        if (submission.IsSecret)
        {
            // The tracking page asks for the reporter key before it shows a secret report: a chat reporter gets it here.
            await replies.SayAsync("SecretReporterKey", Tracking.TrackingId.Parse(filed.Report.TrackingId).ToDisplayString(), filed.ReporterKey);
        }

        await OfferContactShareAsync(replies);
        await AfterFilingForPollsAsync(filed.Report.Submission.RegionCode, replies);
    }

    private async Task AddToThreadAsync(AddToThread thread, Replies replies, string messageId)
    {
        var display = Tracking.TrackingId.Parse(thread.TrackingId).ToDisplayString();
        if (!IsOwn(thread.TrackingId))
        {
            logger.LogWarning("Conversation {Address}: message for report {TrackingId}, which it did not file; refused", _address, thread.TrackingId);
            await replies.SayAsync("StatusNotFound", display);
            return;
        }

        try
        {
            ReportCommandResult result;
            using (RequestContext.AllowCallChainReentrancy())
            {
                // The chat is the reporter of its own report; the actor names the conversation the reply came from.
                result = await Commands.ReplyAsync(Tracking.TrackingId.Parse(thread.TrackingId), ViewerOf(thread.TrackingId),
                    () => GetReportAsync(thread.TrackingId), thread.Text, commandId: $"{_address}:{messageId}", Actor.Citizen(_address.ToString()));
            }

            switch (result.Refusal)
            {
                case null:
                    await replies.SayAsync(thread.AnswersQuestion ? "ClarificationSent" : "ReplySent", display);
                    break;
                case CommandRefusal.Invalid:
                    // Not sent, so a question it meant to answer is still open: the shorter retry answers it.
                    Conversation.PendingQuestion = thread.AnswersQuestion ? thread.TrackingId : Conversation.PendingQuestion;
                    await replies.SayAsync("ReplyTooLong", display, CommandLimits.MaxMessageLength);
                    break;
                default:
                    await replies.SayAsync("StatusNotFound", display);
                    break;
            }
        }
        catch (ReportRuleViolation refused) when (refused.Code == ReportRuleViolation.IllegalTransition)
        {
            var report = await GetReportAsync(thread.TrackingId);
            await replies.SayAsync("CannotReply", display, StatusName(report?.Status ?? ReportStatus.Closed));
        }
    }

    private ReportCommandService Commands => new(GrainFactory);

    private async Task ShowStatusAsync(Tracking.TrackingId id, Replies replies)
    {
        var report = await GetReportAsync(id.Value);
        if (report is null || !ReportAccess.CanSee(report, ViewerOf(id.Value)))
        {
            await replies.SayAsync("StatusNotFound", id.ToDisplayString());
            return;
        }

        await replies.SendAsync(new OutboundMessage(StatusLine(report)));
    }

    private async Task ListReportsAsync(Replies replies)
    {
        var owned = OwnTrackingIdsNewestFirst().Take(ReportsListed).ToList();
        if (owned.Count == 0)
        {
            await replies.SayAsync("MyReportsNone");
            return;
        }

        var lines = new List<string> { Text("MyReportsHeader") };
        foreach (var trackingId in owned)
        {
            if (await GetReportAsync(trackingId) is { } report)
            {
                lines.Add(StatusLine(report));
            }
        }

        await replies.SendAsync(new OutboundMessage(string.Join('\n', lines)));
    }

    private async Task<ReportView?> GetReportAsync(string trackingId)
    {
        using (RequestContext.AllowCallChainReentrancy())
        {
            return await GrainFactory.GetGrain<IReportGrain>(trackingId).Get();
        }
    }

    private string StatusLine(ReportView report) => Text("StatusLine",
        Tracking.TrackingId.Parse(report.TrackingId).ToDisplayString(), StatusName(report.Status),
        report.IsOverdue ? Text("StatusOverdue") : "");

    private string StatusName(ReportStatus status) => Text("Status" + status);
}
