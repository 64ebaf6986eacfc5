using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Polls;
using Lapor.Hub.Channels.Sms.Text;
using Lapor.Hub.Polls;

namespace Lapor.Hub.Web.Polls;

/// <summary>One answer as a channel shows it: the label the citizen sees and whether the channel cut it.</summary>
public sealed record PreviewChoice(int Number, string Label, bool IsCut);

/// <summary>The invitation as one channel shows it: its text and its buttons (none for SMS, whose options are in the text).</summary>
public sealed record ChannelPreview(string Text, IReadOnlyList<PreviewChoice> Choices, int LabelLimit);

/// <summary>How WhatsApp carries the options: up to 3 reply buttons (titles of 20), else a list of up to 10 rows (titles of 24).</summary>
public sealed record WhatsAppPreview(bool AsList, ChannelPreview Message);

/// <summary>The SMS as the gateway gets it (numbered options, cut to 3 parts at most) and what it costs.</summary>
public sealed record SmsPreview(string Text, SmsSegmentation Segmentation);

/// <summary>
/// A draft as each channel will show its invitation, composed the way the conversation composes it
/// (ConversationGrain.Polls: "Polling: …", the explanation, the options as buttons cut to the channel's limit, or numbered
/// lines when a label would not fit) with the citizen dialog's own words, so the officer sees the cuts and SMS parts before opening.
/// </summary>
public static class PollPreview
{
    public const int WhatsAppMaxButtons = 3;
    public const int WhatsAppButtonTitle = 20;
    public const int WhatsAppRowTitle = 24;
    public const int ChatButtonLabel = 60;

    /// <summary>Web chat and Telegram: buttons with labels of up to 60 characters.</summary>
    public static ChannelPreview Chat(PollDraft draft, string language) => Message(draft, language, ChatButtonLabel, sms: false);

    public static WhatsAppPreview WhatsApp(PollDraft draft, string language)
    {
        var asList = draft.Options.Count > WhatsAppMaxButtons;
        return new WhatsAppPreview(asList, Message(draft, language, asList ? WhatsAppRowTitle : WhatsAppButtonTitle, sms: false));
    }

    /// <summary>The text the SMS channel sends (<see cref="SmsReplyText.Compose"/>: options numbered, GSM-7 where it can be, 3 parts at most).</summary>
    public static SmsPreview Sms(PollDraft draft, string language)
    {
        var message = Outbound(draft, language, int.MaxValue, sms: true);
        var reply = SmsReplyText.Compose(message, publicBaseUrl: null);
        return new SmsPreview(reply.Text, reply.Segmentation);
    }

    private static ChannelPreview Message(PollDraft draft, string language, int labelLimit, bool sms)
    {
        var message = Outbound(draft, language, labelLimit, sms);
        var choices = (message.Choices ?? []).Select((choice, i) => new PreviewChoice(i + 1, choice.Label, choice.Label != draft.Options[i])).ToArray();
        return new ChannelPreview(message.Text, choices, labelLimit);
    }

    private static OutboundMessage Outbound(PollDraft draft, string language, int labelLimit, bool sms)
    {
        var invitation = new PollInvitation("preview", draft.Question, draft.Options, draft.Explanation, draft.ClosesAt);
        var lines = new List<string> { DialogTexts.Get(language, "PollInvitation", draft.Question) };
        if (!string.IsNullOrWhiteSpace(draft.Explanation))
        {
            lines.Add(draft.Explanation);
        }

        if (draft.Options.Any(option => option.Length > labelLimit))
        {
            lines.AddRange(draft.Options.Select((option, i) => $"{i + 1}. {option}"));
        }

        lines.Add(DialogTexts.Get(language, sms ? "PollAnswerByNumber" : "PollChooseOne"));
        return new OutboundMessage(string.Join('\n', lines), PollChoices.Options(invitation, labelLimit));
    }
}
