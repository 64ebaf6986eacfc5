using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;
using Lapor.Hub.Tracking;

namespace Lapor.Hub.Channels.Conversations;

public enum IntentKind
{
    Text, Location, Media, Help, Cancel, Skip, Done, Yes, No, Submit, MyReports, Status, MistypedTrackingId, Language, ReplyToThread, NewReport,
}

/// <summary>What a citizen's message means, whatever channel it came from and whether it was typed or tapped.</summary>
public sealed record Intent(
    IntentKind Kind, string? Text = null, GeoPoint? Location = null, IReadOnlyList<MediaFile>? Media = null,
    TrackingId? TrackingId = null, string? Language = null);

/// <summary>Reads intents from messages: choice values first, then a small vocabulary in Indonesian and English.</summary>
public static class IntentParser
{
    private static readonly Dictionary<string, IntentKind> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bantuan"] = IntentKind.Help, ["help"] = IntentKind.Help, ["/help"] = IntentKind.Help, ["/start"] = IntentKind.Help,
        ["menu"] = IntentKind.Help, ["halo"] = IntentKind.Help, ["hai"] = IntentKind.Help, ["hello"] = IntentKind.Help, ["hi"] = IntentKind.Help,
        ["batal"] = IntentKind.Cancel, ["cancel"] = IntentKind.Cancel, ["/cancel"] = IntentKind.Cancel, ["/batal"] = IntentKind.Cancel,
        ["lewati"] = IntentKind.Skip, ["skip"] = IntentKind.Skip, ["-"] = IntentKind.Skip,
        ["selesai"] = IntentKind.Done, ["done"] = IntentKind.Done, ["sudah"] = IntentKind.Done,
        ["ya"] = IntentKind.Yes, ["iya"] = IntentKind.Yes, ["y"] = IntentKind.Yes, ["yes"] = IntentKind.Yes, ["ok"] = IntentKind.Yes,
        ["tidak"] = IntentKind.No, ["tdk"] = IntentKind.No, ["gak"] = IntentKind.No, ["nggak"] = IntentKind.No, ["no"] = IntentKind.No, ["n"] = IntentKind.No,
        ["kirim"] = IntentKind.Submit, ["send"] = IntentKind.Submit, ["submit"] = IntentKind.Submit,
        ["laporan baru"] = IntentKind.NewReport, ["new report"] = IntentKind.NewReport, ["/baru"] = IntentKind.NewReport, ["/new"] = IntentKind.NewReport,
        ["laporan saya"] = IntentKind.MyReports, ["my reports"] = IntentKind.MyReports, ["/laporan"] = IntentKind.MyReports, ["/reports"] = IntentKind.MyReports,
    };

    private const int MaxStatusQuestionWords = 8;

    private static readonly string[] StatusPrefixes = ["cek ", "status ", "check ", "/status "];

    public static Intent Parse(InboundMessage message)
    {
        if (message.Media is { Count: > 0 } media)
        {
            return new Intent(IntentKind.Media, Media: media, Text: message.Text);
        }

        if (message.Location is { } location)
        {
            return new Intent(IntentKind.Location, Location: location);
        }

        if (message.ChoiceValue is { } choice && Choices.Parse(choice) is { } chosen)
        {
            return chosen;
        }

        var text = (message.Text ?? "").Trim();
        if (Words.TryGetValue(text.TrimEnd('.', '!'), out var kind))
        {
            return new Intent(kind, Text: text);
        }

        if (LanguageOf(text) is { } language)
        {
            return new Intent(IntentKind.Language, Language: language);
        }

        return TrackingIdIn(text) ?? new Intent(IntentKind.Text, Text: text);
    }

    private static string? LanguageOf(string text) => text.ToLowerInvariant() switch
    {
        "english" or "/english" or "/en" or "in english" => DialogTexts.English,
        "bahasa" or "bahasa indonesia" or "indonesia" or "/id" or "/indonesia" => DialogTexts.Indonesian,
        _ => null,
    };

    private static readonly string[] QuestionWords = ["bagaimana", "gimana", "gmn", "kapan", "kenapa", "mengapa", "status", "how", "when", "why", "what"];

    /// <summary>"laporan K7QM-X2PD-9R7 bagaimana?": a short question about a report is a status question, not free text.</summary>
    private static TrackingId? AskedAbout(string text)
    {
        var words = text.ToLowerInvariant().Split([' ', ',', '.', '!', '?', ':', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var mentioned = words.Select(word => word.Contains('-') && Tracking.TrackingId.TryParse(word, out var id) ? id : (TrackingId?)null)
            .FirstOrDefault(id => id is not null);
        var asks = text.TrimEnd().EndsWith('?') || words.Any(QuestionWords.Contains);
        return mentioned is { } found && asks && words.Length <= MaxStatusQuestionWords ? found : null;
    }

    /// <summary>A message that is only a tracking ID (optionally after "cek"/"status") asks for its status; one that looks like an ID but fails the check is a typo.</summary>
    private static Intent? TrackingIdIn(string text)
    {
        var candidate = text;
        foreach (var prefix in StatusPrefixes)
        {
            if (candidate.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                candidate = candidate[prefix.Length..].Trim();
            }
        }

        if (Tracking.TrackingId.TryParse(candidate, out var id))
        {
            return new Intent(IntentKind.Status, TrackingId: id);
        }

        if (AskedAbout(text) is { } asked)
        {
            return new Intent(IntentKind.Status, TrackingId: asked);
        }

        var compact = candidate.Replace("-", "").Replace(" ", "");
        var looksLikeId = compact.Length == Tracking.TrackingId.Length && candidate.Contains('-') && compact.All(char.IsLetterOrDigit);
        return looksLikeId ? new Intent(IntentKind.MistypedTrackingId, Text: candidate) : null;
    }
}
