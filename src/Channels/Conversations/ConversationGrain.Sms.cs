using Lapor.Hub.Reports;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>What differs on SMS: the one-message <see cref="SmsDialog"/>, silence after STOP, and keyword hints in notices.</summary>
public sealed partial class ConversationGrain
{
    private bool IsSms => _address.Channel == ChannelNames.Sms;

    /// <summary>
    /// After STOP nothing is sent: the notice counts as told (no burst of old news after MULAI), and only news that ends a
    /// report's open question or thread is followed, so a later plain SMS does not answer a question the citizen never saw.
    /// </summary>
    private async Task<bool> SilencedAsync(ReportNotice notice)
    {
        if (!Conversation.OptedOut)
        {
            return false;
        }

        if (notice.Kind is ReportEventKind.Closed or ReportEventKind.Rejected)
        {
            Follow(notice);
        }

        Conversation.NotifiedThrough[notice.TrackingId] = notice.Sequence;
        await stored.WriteStateAsync();
        return true;
    }

    /// <summary>On SMS "reply to this message" needs the keyword: the notice says how, with the report's number.</summary>
    private string SmsHint(ReportNotice notice)
    {
        if (!IsSms)
        {
            return "";
        }

        var id = Tracking.TrackingId.Parse(notice.TrackingId).ToDisplayString();
        return notice.Kind switch
        {
            ReportEventKind.Filed => "\n" + Text("SmsCheckHint", id),
            ReportEventKind.FollowUpPosted or ReportEventKind.ReplyPosted => "\n" + Text("SmsReplyHint", id),
            _ => "",
        };
    }
}
