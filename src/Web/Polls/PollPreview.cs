using Lapor.Hub.Channels.Sms.Text;
using Lapor.Hub.Polls;

namespace Lapor.Hub.Web.Polls;

/// <summary>One answer as a channel shows it: the label the citizen sees and whether the channel cut it.</summary>
public sealed record PreviewChoice(int Number, string Label, bool IsCut);

/// <summary>How WhatsApp carries the options: up to 3 reply buttons (titles of 20), else a list of up to 10 rows (titles of 24).</summary>
public sealed record WhatsAppPreview(bool AsList, int TitleLimit, IReadOnlyList<PreviewChoice> Choices);

/// <summary>The numbered SMS text and what it costs: characters in its encoding and parts.</summary>
public sealed record SmsPreview(string Text, SmsSegmentation Segmentation);

/// <summary>
/// A draft as each channel will show it, so the officer sees WhatsApp's cut titles and the SMS parts before opening.
/// The limits are WhatsApp's documented ones (the same the Cloud API sender keeps, Channels/WhatsApp/Cloud/CloudOutgoing).
/// </summary>
public static class PollPreview
{
    public const int WhatsAppMaxButtons = 3;
    public const int WhatsAppButtonTitle = 20;
    public const int WhatsAppRowTitle = 24;

    public static IReadOnlyList<PreviewChoice> Buttons(PollDraft draft) =>
        draft.Options.Select((label, index) => new PreviewChoice(index + 1, label, false)).ToArray();

    public static WhatsAppPreview WhatsApp(PollDraft draft)
    {
        var asList = draft.Options.Count > WhatsAppMaxButtons;
        var limit = asList ? WhatsAppRowTitle : WhatsAppButtonTitle;
        return new WhatsAppPreview(asList, limit, draft.Options.Select((label, index) => Cut(index + 1, label, limit)).ToArray());
    }

    /// <summary>The question, the explanation, one numbered line per option and how to answer, in GSM-7 where it can be.</summary>
    public static SmsPreview Sms(PollDraft draft, string answerHint)
    {
        var lines = new List<string> { draft.Question };
        if (!string.IsNullOrWhiteSpace(draft.Explanation))
        {
            lines.Add(draft.Explanation);
        }

        lines.AddRange(draft.Options.Select((label, index) => $"{index + 1}. {label}"));
        lines.Add(answerHint);
        var text = Gsm7Transliteration.ToGsm7WherePossible(string.Join('\n', lines));
        return new SmsPreview(text, SmsSegments.Measure(text));
    }

    private static PreviewChoice Cut(int number, string label, int limit)
    {
        var trimmed = label.Trim();
        if (trimmed.Length <= limit)
        {
            return new PreviewChoice(number, trimmed, false);
        }

        var keep = char.IsHighSurrogate(trimmed[limit - 2]) ? limit - 2 : limit - 1;
        return new PreviewChoice(number, trimmed[..keep].TrimEnd() + "…", true);
    }
}
