using System.Globalization;

namespace Lapor.Hub.Web.Localization;

/// <summary>The console's and public site's shared words (SiteText.resx: Indonesian; SiteText.en.resx: English).</summary>
public sealed class SiteText
{
    public const string Indonesian = "id";
    public const string English = "en";

    public static IReadOnlyList<CultureInfo> Cultures { get; } = [new(Indonesian), new(English)];

    /// <summary>Dates and times as Indonesians read them: 28 Nov 2026 14.05 WIB.</summary>
    public static string When(DateTimeOffset at, string timeZone = "WIB")
    {
        var offset = timeZone switch { "WITA" => 8, "WIT" => 9, _ => 7 };
        var local = at.ToOffset(TimeSpan.FromHours(offset));
        return $"{local.ToString("d MMM yyyy HH.mm", CultureInfo.CurrentCulture)} {timeZone}";
    }
}
