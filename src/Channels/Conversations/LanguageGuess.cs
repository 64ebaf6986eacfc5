namespace Lapor.Hub.Channels.Conversations;

/// <summary>English or Indonesian, from the channel's language code or from the words of a first message.</summary>
public static class LanguageGuess
{
    private static readonly HashSet<string> EnglishWords =
        ["the", "is", "are", "my", "and", "to", "of", "in", "there", "please", "not", "with", "for", "have", "has", "was", "been", "this", "it", "street", "road", "since", "near", "broken"];

    private static readonly HashSet<string> IndonesianWords =
        ["yang", "di", "dan", "ini", "itu", "tidak", "sudah", "dengan", "untuk", "ada", "jalan", "saya", "kami", "mohon", "sejak", "ke", "dari", "yg", "tdk", "sdh", "belum", "rusak"];

    public static string? From(string? languageCode, string? text)
    {
        var words = (text ?? "").ToLowerInvariant().Split([' ', ',', '.', '!', '?', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var english = words.Count(EnglishWords.Contains);
        var indonesian = words.Count(IndonesianWords.Contains);
        if (english >= 2 && english > indonesian)
        {
            return DialogTexts.English;
        }

        if (indonesian >= 2 && indonesian >= english)
        {
            return DialogTexts.Indonesian;
        }

        return languageCode?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? DialogTexts.English
            : languageCode?.StartsWith("id", StringComparison.OrdinalIgnoreCase) == true ? DialogTexts.Indonesian
            : null;
    }
}
