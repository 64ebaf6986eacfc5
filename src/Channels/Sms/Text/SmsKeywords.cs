using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Tracking;

namespace Lapor.Hub.Channels.Sms.Text;

/// <summary>
/// Reads an SMS as a keyword or a report. Keywords tolerate case, extra spaces and punctuation, and one typo ("BALS",
/// "CEKK", "BERHNTI"); a tracking ID tolerates missing dashes and one typo. Keywords that stand alone (STOP, INFO, LAPORAN
/// SAYA) count only as the whole message, and CEK/BALAS only with a tracking ID after them, so "cek jalan rusak di depan
/// pasar" stays a report. Typos in three-letter keywords count only there, before an ID.
/// </summary>
public static class SmsKeywords
{
    private sealed record Keyword(string Word, SmsCommandKind Kind, string? Language);

    /// <summary>Keywords that are the whole message.</summary>
    private static readonly Keyword[] StandaloneKeywords =
    [
        new("LAPORAN", SmsCommandKind.MyReports, DialogTexts.Indonesian),
        new("LAPORAN SAYA", SmsCommandKind.MyReports, DialogTexts.Indonesian),
        new("MY REPORTS", SmsCommandKind.MyReports, DialogTexts.English),
        new("INFO", SmsCommandKind.Help, null),
        new("BANTUAN", SmsCommandKind.Help, DialogTexts.Indonesian),
        new("HELP", SmsCommandKind.Help, DialogTexts.English),
        new("STOP", SmsCommandKind.Stop, null),
        new("BERHENTI", SmsCommandKind.Stop, DialogTexts.Indonesian),
        new("MULAI", SmsCommandKind.Start, DialogTexts.Indonesian),
        new("START", SmsCommandKind.Start, DialogTexts.English),
        new("CEK", SmsCommandKind.StatusWithoutId, DialogTexts.Indonesian),
        new("CHECK", SmsCommandKind.StatusWithoutId, DialogTexts.English),
        new("POLLING", SmsCommandKind.Polls, null),
        new("POLLS", SmsCommandKind.Polls, DialogTexts.English),
        new("BERHENTI POLLING", SmsCommandKind.StopPolls, DialogTexts.Indonesian),
        new("STOP POLLING", SmsCommandKind.StopPolls, null),
        new("STOP POLLS", SmsCommandKind.StopPolls, DialogTexts.English),
        new("BERHENTI SEMUA", SmsCommandKind.StopAll, DialogTexts.Indonesian),
        new("STOP ALL", SmsCommandKind.StopAll, DialogTexts.English),
    ];

    /// <summary>Keywords followed by a tracking ID (and, for a reply, the text).</summary>
    private static readonly Keyword[] ArgumentKeywords =
    [
        new("CEK", SmsCommandKind.Status, DialogTexts.Indonesian),
        new("CHECK", SmsCommandKind.Status, DialogTexts.English),
        new("STATUS", SmsCommandKind.Status, null),
        new("BALAS", SmsCommandKind.Reply, DialogTexts.Indonesian),
        new("REPLY", SmsCommandKind.Reply, DialogTexts.English),
    ];

    /// <summary>A standalone keyword is a word or two: longer text is never compared with them.</summary>
    private const int MaxStandaloneLength = 20;

    private const int MaxStandaloneWords = 3;

    /// <summary>A tracking ID typed in groups ("K7QM X2PD 9R7") spans at most this many words.</summary>
    private const int MaxIdWords = 3;

    private static readonly char[] Punctuation = ['.', ',', '!', '?', ':', ';', '"', '\''];

    public static SmsCommand Parse(string? text)
    {
        var message = (text ?? "").Trim();
        var words = Words(message);
        if (words.Count == 0)
        {
            return new SmsCommand(SmsCommandKind.Report, message);
        }

        if (words.Count == 1 && message.Trim('.', '(', ')').Trim() is { Length: > 0 and <= 2 } number && number.All(char.IsAsciiDigit))
        {
            return new SmsCommand(SmsCommandKind.PollAnswer, number);
        }

        if (Standalone(words) is { } standalone)
        {
            return new SmsCommand(standalone.Kind, Language: standalone.Language);
        }

        if (WithArgument(message, words) is { } command)
        {
            return command;
        }

        return TrackingIdIn(words, 0, exactLength: words.Count) is { } id
            ? new SmsCommand(SmsCommandKind.Status, TrackingId: id.Id)
            : new SmsCommand(SmsCommandKind.Report, message);
    }

    private static Keyword? Standalone(IReadOnlyList<Word> words)
    {
        if (words.Count > MaxStandaloneWords)
        {
            return null;
        }

        var phrase = string.Join(' ', words.Select(word => Normalized(word.Text)));
        if (phrase.Length > MaxStandaloneLength)
        {
            return null;
        }

        return StandaloneKeywords.FirstOrDefault(keyword => keyword.Word == phrase)
               ?? Closest(StandaloneKeywords.Where(keyword => keyword.Word.Length >= 4), phrase);
    }

    private static SmsCommand? WithArgument(string message, IReadOnlyList<Word> words)
    {
        var first = Normalized(words[0].Text);
        var keyword = ArgumentKeywords.FirstOrDefault(k => k.Word == first) ?? Closest(ArgumentKeywords, first);
        if (keyword is null)
        {
            return null;
        }

        if (TrackingIdIn(words, 1, exactLength: null) is { } found)
        {
            var rest = found.End < words.Count ? message[words[found.End].Start..].Trim() : "";
            return new SmsCommand(keyword.Kind, keyword.Kind == SmsCommandKind.Reply ? rest : "", found.Id, keyword.Language);
        }

        // "BALAS terima kasih": a reply to the report the citizen was last asked or told about. Only the keyword as spelt:
        // a misspelt one without an ID is the start of a report.
        if (keyword.Kind == SmsCommandKind.Reply && keyword.Word == first)
        {
            return new SmsCommand(SmsCommandKind.Reply, words.Count > 1 ? message[words[1].Start..].Trim() : "", null, keyword.Language);
        }

        return null;
    }

    /// <summary>
    /// A tracking ID in the 1–3 words from <paramref name="start"/>: one that passes the check, else one typo away from
    /// some. A mistyped one must look like an ID (a digit or a dash in it), so that ordinary words are not read as one.
    /// </summary>
    private static (TypedTrackingId Id, int End)? TrackingIdIn(IReadOnlyList<Word> words, int start, int? exactLength)
    {
        var spans = Enumerable.Range(1, Math.Min(MaxIdWords, words.Count - start))
            .Where(count => exactLength is null || start + count == exactLength)
            .Select(count => (Typed: string.Join(' ', words.Skip(start).Take(count).Select(w => w.Text.TrimEnd(Punctuation))), End: start + count))
            .ToArray();
        foreach (var (typed, end) in spans)
        {
            if (TrackingId.TryParse(typed, out var exact))
            {
                return (new TypedTrackingId(typed, exact, [exact]), end);
            }
        }

        foreach (var (typed, end) in spans)
        {
            if (LooksLikeTrackingId(typed, wholeRestAfterKeyword: start > 0 && end == words.Count) && TrackingIdCorrection.Candidates(typed) is { Count: > 0 } candidates)
            {
                return (new TypedTrackingId(typed, null, candidates), end);
            }
        }

        return null;
    }

    /// <summary>
    /// A digit or a dash makes a word look like a tracking ID; an ID of letters only ("cek fxyxahbgnkt", about one in 27)
    /// counts when it is all that follows the keyword and has about an ID's length, so "cek kerusakannya jalan …" stays a report.
    /// </summary>
    private static bool LooksLikeTrackingId(string typed, bool wholeRestAfterKeyword) =>
        typed.Any(c => char.IsAsciiDigit(c) || c == '-')
        || (wholeRestAfterKeyword && typed.All(char.IsAsciiLetterOrDigit) && Math.Abs(typed.Length - TrackingId.Length) <= 1);

    /// <summary>The one keyword one typo (a wrong, missing, extra or swapped letter) away, if exactly one is.</summary>
    private static Keyword? Closest(IEnumerable<Keyword> keywords, string word)
    {
        var near = keywords.Where(keyword => Typos.AtMostOne(keyword.Word, word)).ToArray();
        if (near.DistinctBy(keyword => keyword.Kind).Count() != 1)
        {
            return null;
        }

        // "CHEK" is one typo from CEK and from CHECK: the command is clear, the language is not.
        return near.DistinctBy(keyword => keyword.Language).Count() == 1 ? near[0] : near[0] with { Language = null };
    }

    private static string Normalized(string word) => word.Trim(Punctuation).ToUpperInvariant();

    private readonly record struct Word(string Text, int Start);

    private static List<Word> Words(string message)
    {
        var words = new List<Word>();
        var start = -1;
        for (var i = 0; i <= message.Length; i++)
        {
            var boundary = i == message.Length || char.IsWhiteSpace(message[i]);
            if (boundary && start >= 0)
            {
                words.Add(new Word(message[start..i], start));
                start = -1;
            }
            else if (!boundary && start < 0)
            {
                start = i;
            }
        }

        return words;
    }
}
