namespace Lapor.Hub.Calendar;

/// <summary>Indonesia's three time zones: WIB (UTC+7), WITA (UTC+8) and WIT (UTC+9).</summary>
public static class IndonesianTimeZones
{
    public static TimeZoneInfo Wib { get; } = FindOrCreate("Asia/Jakarta", "WIB", utcOffsetHours: 7);
    public static TimeZoneInfo Wita { get; } = FindOrCreate("Asia/Makassar", "WITA", utcOffsetHours: 8);
    public static TimeZoneInfo Wit { get; } = FindOrCreate("Asia/Jayapura", "WIT", utcOffsetHours: 9);

    public static TimeZoneInfo Default => Wib;

    /// <summary>Resolves "WIB", "WITA" or "WIT" (any case) or a time zone id such as "Asia/Makassar".</summary>
    /// <exception cref="ArgumentException">The name is empty or not a known time zone.</exception>
    public static TimeZoneInfo Resolve(string nameOrAbbreviation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrAbbreviation);
        var name = nameOrAbbreviation.Trim();
        switch (name.ToUpperInvariant())
        {
            case "WIB" or "ASIA/JAKARTA": return Wib;
            case "WITA" or "ASIA/MAKASSAR": return Wita;
            case "WIT" or "ASIA/JAYAPURA": return Wit;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone)
            ? zone
            : throw new ArgumentException(
                $"Unknown time zone '{name}': use WIB, WITA, WIT or an IANA id such as Asia/Jakarta.",
                nameof(nameOrAbbreviation));
    }

    private static TimeZoneInfo FindOrCreate(string ianaId, string abbreviation, int utcOffsetHours) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone)
            ? zone
            // Indonesia has no daylight saving time, so without tzdata a fixed offset is still exact.
            : TimeZoneInfo.CreateCustomTimeZone(
                ianaId, TimeSpan.FromHours(utcOffsetHours), $"{abbreviation} (UTC+{utcOffsetHours:00}:00)", abbreviation);
}
