using System.Globalization;

namespace Lapor.Hub.Calendar;

/// <summary>
/// The one way a deadline is written, for citizens in chat and for staff on the console alike:
/// "Rabu, 9 Des 2026, 23.59 WIB". A deadline is due at the end of its last day, stored as midnight of the next one;
/// it is written as that last day's final minute so nobody reads it as a day later.
/// </summary>
public static class DeadlineText
{
    public static string Format(DateTimeOffset dueAt, string? timeZone, CultureInfo culture)
    {
        var label = ZoneLabel(timeZone);
        var local = TimeZoneInfo.ConvertTime(dueAt, IndonesianTimeZones.Resolve(label));
        var lastMoment = local.TimeOfDay == TimeSpan.Zero ? local.AddMinutes(-1) : local;
        return $"{lastMoment.ToString("dddd, d MMM yyyy, HH.mm", culture)} {label}";
    }

    /// <summary>WIB, WITA or WIT for a zone given either way ("WITA" or "Asia/Makassar"); WIB when empty or unknown.</summary>
    public static string ZoneLabel(string? zone)
    {
        if (string.IsNullOrWhiteSpace(zone))
        {
            return "WIB";
        }

        try
        {
            return IndonesianTimeZones.Resolve(zone).BaseUtcOffset.TotalHours switch { 8 => "WITA", 9 => "WIT", _ => "WIB" };
        }
        catch (ArgumentException)
        {
            return "WIB";
        }
    }
}
