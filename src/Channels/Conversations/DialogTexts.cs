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

    public static string Get(string language, string key, params object?[] args)
    {
        var culture = CultureInfo.GetCultureInfo(language == English ? English : Indonesian);
        var text = Resources.GetString(key, culture) ?? throw new KeyNotFoundException($"No dialog text '{key}'.");
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}
