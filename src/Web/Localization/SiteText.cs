using System.Globalization;
using Lapor.Hub.Calendar;

namespace Lapor.Hub.Web.Localization;

/// <summary>The console's and public site's shared words (SiteText.resx: Indonesian; SiteText.en.resx: English).</summary>
public sealed class SiteText
{
    public const string Indonesian = "id";
    public const string English = "en";

    public static IReadOnlyList<CultureInfo> Cultures { get; } = [new(Indonesian), new(English)];

    /// <summary>Dates and times as Indonesians read them: 28 Nov 2026 14.05 WIB. The zone is WIB/WITA/WIT or an IANA id.</summary>
    public static string When(DateTimeOffset at, string? timeZone = "WIB")
    {
        var label = ZoneLabel(timeZone);
        var local = TimeZoneInfo.ConvertTime(at, IndonesianTimeZones.Resolve(label));
        return $"{local.ToString("d MMM yyyy HH.mm", CultureInfo.CurrentCulture)} {label}";
    }

    /// <summary>A deadline, written the same way as in the citizen's chat: Rabu, 9 Des 2026, 23.59 WIB.</summary>
    public static string Deadline(DateTimeOffset dueAt, string? timeZone = "WIB") =>
        DeadlineText.Format(dueAt, timeZone, CultureInfo.CurrentCulture);

    /// <summary>WIB, WITA or WIT for a zone given either way ("WITA" or "Asia/Makassar"); WIB when unknown.</summary>
    public static string ZoneLabel(string? zone) => DeadlineText.ZoneLabel(zone);
}
