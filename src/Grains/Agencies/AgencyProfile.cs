namespace Lapor.Hub.Agencies;

/// <summary>The government levels LAPOR! routes to (K/L/D: kementerian, lembaga, daerah).</summary>
public enum AgencyLevel { Ministry, Institution, Province, RegencyCity }

[GenerateSerializer, Immutable, Alias("Lapor.Hub.AgencyProfile")]
public sealed record AgencyProfile(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] AgencyLevel Level,
    [property: Id(3)] string TimeZone,
    [property: Id(4)] string? RegionCode = null)
{
    public const int MaxCodeLength = 40;

    /// <summary>Agency codes are upper-case letters, digits and dashes, e.g. KEMENKES or PEMKOT-3578.</summary>
    public static bool IsValidCode(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= MaxCodeLength && code.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '-');
}

[GenerateSerializer, Immutable, Alias("Lapor.Hub.AgencyView")]
public sealed record AgencyView(
    [property: Id(0)] AgencyProfile Profile,
    [property: Id(1)] int OpenReports,
    [property: Id(2)] int OverdueReports,
    [property: Id(3)] int ClosedReports,
    [property: Id(4)] int MissedDeadlines);

/// <summary>What a report tells its agency after each change; idempotent by <see cref="Version"/>.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.AgencyReportUpdate")]
public sealed record AgencyReportUpdate(
    [property: Id(0)] string TrackingId,
    [property: Id(1)] int Version,
    [property: Id(2)] bool IsOpen,
    [property: Id(3)] bool IsOverdue,
    [property: Id(4)] bool IsSecret = false);
