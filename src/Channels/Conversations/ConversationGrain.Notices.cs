using System.Globalization;
using Lapor.Hub.Calendar;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Reports;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>Telling the citizen what happened to their report, in their language, exactly once per history entry.</summary>
public sealed partial class ConversationGrain
{
    public async Task Notify(ReportNotice notice)
    {
        if (Conversation.NotifiedThrough.GetValueOrDefault(notice.TrackingId) >= notice.Sequence)
        {
            return;
        }

        // The Filed notice of a report being filed right now arrives (re-entrantly) before the report is in Reports.
        // Only to the chat that filed it: a linked citizen's other chats see the report, its news goes where it came from.
        if (!_filing && !IsFiledHere(notice.TrackingId))
        {
            logger.LogWarning("Conversation {Address}: notice about report {TrackingId}, which it did not file; ignored", _address, notice.TrackingId);
            return;
        }

        if (await SilencedAsync(notice))
        {
            return;
        }

        var text = Render(notice) + SmsHint(notice);
        var message = new OutboundMessage(text, Media: notice.Media, Notice: new NoticeSummary(notice.TrackingId, OneLine(text), Conversation.Language));
        await Outbox().Enqueue($"report:{notice.TrackingId}:{notice.Sequence}", message, new ReportEventRef(notice.TrackingId, notice.Sequence));
        Follow(notice);
        LearnAgency(notice);
        Conversation.NotifiedThrough[notice.TrackingId] = notice.Sequence;
        await SyncPollRegisterAsync();
        await stored.WriteStateAsync();
    }

    private const int ShortTextLength = 300;

    /// <summary>The notice as one line (template parameters may not hold line breaks, tabs or runs of spaces), cut at a word.</summary>
    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= ShortTextLength)
        {
            return line;
        }

        var cut = line.LastIndexOf(' ', ShortTextLength - 1);
        return line[..(cut > 0 ? cut : ShortTextLength - 1)] + "…";
    }

    /// <summary>Which report the citizen's next free text belongs to.</summary>
    private void Follow(ReportNotice notice)
    {
        switch (notice.Kind)
        {
            case ReportEventKind.ClarificationRequested:
                Conversation.PendingQuestion = notice.TrackingId;
                break;
            case ReportEventKind.FollowUpPosted or ReportEventKind.ReplyPosted:
                Conversation.OpenThread = notice.TrackingId;
                break;
            case ReportEventKind.Closed or ReportEventKind.Rejected:
                Conversation.PendingQuestion = Conversation.PendingQuestion == notice.TrackingId ? null : Conversation.PendingQuestion;
                Conversation.OpenThread = Conversation.OpenThread == notice.TrackingId ? null : Conversation.OpenThread;
                break;
        }
    }

    private string Render(ReportNotice notice)
    {
        var id = Tracking.TrackingId.Parse(notice.TrackingId).ToDisplayString();
        return notice.Kind switch
        {
            ReportEventKind.Filed => Text("NotifyFiled", id, Day(notice)),
            ReportEventKind.ClarificationRequested => Text("NotifyClarification", id, notice.Text),
            ReportEventKind.Forwarded => Text("NotifyForwarded", id, notice.AgencyName, Day(notice)),
            ReportEventKind.FollowUpPosted => Text("NotifyFollowUp", id, notice.AgencyName, notice.Text),
            ReportEventKind.ReplyPosted => Text("NotifyAdminReply", id, notice.Text),
            ReportEventKind.Rejected => Text("NotifyRejected", id, Rejection(notice)),
            ReportEventKind.Closed => Text("NotifyClosed", id),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, "Citizens are not told about this entry."),
        };
    }

    private string Rejection(ReportNotice notice) => notice.Rejection switch
    {
        RejectionReason.Duplicate when notice.DuplicateOf is { } original =>
            Text("RejectedDuplicate", Tracking.TrackingId.Parse(original).ToDisplayString()),
        RejectionReason.Spam => Text("RejectedSpam"),
        _ => Text("RejectedOutOfScope"),
    };

    /// <summary>The last day of a deadline (its due instant is the end of that day) in the deadline's own time zone.</summary>
    private string Day(ReportNotice notice)
    {
        if (notice.DueAt is not { } due)
        {
            return "—";
        }

        return DeadlineText.Format(due, notice.DueTimeZone, CultureInfo.GetCultureInfo(Conversation.Language == DialogTexts.English ? "en-GB" : "id-ID"));
    }
}
