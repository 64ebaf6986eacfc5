using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;

[assembly: NeutralResourcesLanguage("id")]

namespace Lapor.Hub.Channels.Conversations;

/// <summary>What the bot says, Indonesian first (DialogTexts.resx) and English second (DialogTexts.en.resx).</summary>
public static class DialogTexts
{
    public const string Indonesian = "id";
    public const string English = "en";

    private static readonly ResourceManager Resources = new("Lapor.Hub.Channels.Conversations.DialogTexts", typeof(DialogTexts).Assembly);
    private static readonly CultureInfo IndonesianCulture = CultureInfo.GetCultureInfo(Indonesian);
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo(English);

    // CultureInfo.GetCultureInfo and ResourceManager.GetString take process-wide locks: under a burst of chats every
    // reply contended for them. The texts never change while the hub runs.
    private static readonly ConcurrentDictionary<(bool English, string Key), string> Texts = new();

    public static string Get(string language, string key, params object?[] args)
    {
        var english = language == English;
        var culture = english ? EnglishCulture : IndonesianCulture;
        var text = Texts.GetOrAdd((english, key), static (wanted, culture) =>
            Resources.GetString(wanted.Key, culture) ?? throw new KeyNotFoundException($"No dialog text '{wanted.Key}'."), culture);
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}
