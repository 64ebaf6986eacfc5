namespace Lapor.Hub.Channels.Conversations;

/// <summary>English or Indonesian, from the citizen's own words (commands count) or else the channel's language code.</summary>
public static class LanguageGuess
{
    private static readonly HashSet<string> EnglishWords =
        ["the", "is", "are", "my", "and", "to", "of", "in", "there", "please", "not", "with", "for", "have", "has", "was", "been", "this", "it", "street", "road", "since", "near", "broken"];

    private static readonly HashSet<string> IndonesianWords =
        ["yang", "di", "dan", "ini", "itu", "tidak", "sudah", "dengan", "untuk", "ada", "jalan", "saya", "kami", "mohon", "sejak", "ke", "dari", "yg", "tdk", "sdh", "belum", "rusak"];

    /// <summary>Commands only one of the languages says; "/start", "ok", "hi" or a bare tracking ID say nothing.</summary>
    private static readonly HashSet<string> EnglishCommands = ["help", "my reports", "cancel", "new report", "check", "skip", "done"];

    private static readonly HashSet<string> IndonesianCommands = ["bantuan", "laporan saya", "batal", "laporan baru", "cek", "lewati", "selesai"];

    /// <summary>The language of the message's words, if they show one.</summary>
    public static string? FromWords(string? text)
    {
        var words = (text ?? "").ToLowerInvariant().Split([' ', ',', '.', '!', '?', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var command = string.Join(' ', words.Length > 0 && Tracking.TrackingId.TryParse(words[^1], out _) ? words[..^1] : words);
        if (EnglishCommands.Contains(command))
        {
            return DialogTexts.English;
        }

        if (IndonesianCommands.Contains(command))
        {
            return DialogTexts.Indonesian;
        }

        var english = words.Count(EnglishWords.Contains);
        var indonesian = words.Count(IndonesianWords.Contains);
        if (english >= 2 && english > indonesian)
        {
            return DialogTexts.English;
        }

        return indonesian >= 2 && indonesian >= english ? DialogTexts.Indonesian : null;
    }

    public static string? FromCode(string? languageCode) =>
        languageCode?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? DialogTexts.English
        : languageCode?.StartsWith("id", StringComparison.OrdinalIgnoreCase) == true ? DialogTexts.Indonesian
        : null;
}
