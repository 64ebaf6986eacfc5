using Lapor.Hub.Regions;

namespace Lapor.Hub.Reports;

[GenerateSerializer, Immutable, Alias("Lapor.Hub.GeoPoint")]
public sealed record GeoPoint([property: Id(0)] double Latitude, [property: Id(1)] double Longitude);

/// <summary>What a citizen files. <see cref="Validate"/> holds every input rule, so the API and the grain agree.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.ReportSubmission")]
public sealed record ReportSubmission(
    [property: Id(0)] string Text,
    [property: Id(1)] string? Title,
    [property: Id(2)] GeoPoint? Location,
    [property: Id(3)] string? RegionCode,
    [property: Id(4)] bool IsAnonymous,
    [property: Id(5)] bool IsSecret,
    [property: Id(6)] string Channel,
    [property: Id(7)] string? ReporterAddress,
    [property: Id(8)] string? ReporterName,
    [property: Id(9)] IReadOnlyList<string>? MediaIds = null)
{
    public const int MaxMedia = 5;

    public const int MinTextLength = 10;
    public const int MaxTextLength = 4000;
    public const int MaxTitleLength = 150;
    public const int MaxAddressLength = 200;
    public const int MaxNameLength = 100;

    /// <summary>The same submission with every text through <see cref="InputText"/>: what is stored, whichever entrance it came by.</summary>
    public ReportSubmission Cleaned() => this with
    {
        Text = InputText.Clean(Text),
        Title = InputText.CleanOrNull(Title),
        RegionCode = InputText.CleanOrNull(RegionCode),
        ReporterAddress = InputText.CleanOrNull(ReporterAddress),
        ReporterName = InputText.CleanOrNull(ReporterName),
    };

    public IReadOnlyDictionary<string, string[]> Validate(RegionCatalog regions, ChannelCatalog channels)
    {
        var errors = new InputErrors();
        errors.RequireLength("text", Text, MinTextLength, MaxTextLength);
        errors.LimitLength("title", Title, MaxTitleLength);
        errors.LimitLength("reporterAddress", ReporterAddress, MaxAddressLength);
        errors.LimitLength("reporterName", ReporterName, MaxNameLength);
        if (!channels.Contains(Channel))
        {
            errors.Add("channel", $"Unknown channel '{Channel}'; expected one of {string.Join(", ", channels.Names.Order(StringComparer.Ordinal))}.");
        }

        if (Channel != ChannelNames.Api && string.IsNullOrWhiteSpace(ReporterAddress))
        {
            errors.Add("reporterAddress", "A chat channel needs the reporter's address to send replies to.");
        }

        if (MediaIds is { Count: > MaxMedia })
        {
            errors.Add("mediaIds", $"At most {MaxMedia} photos or files.");
        }

        if (Location is { } point && !IndonesiaBounds.Contains(point))
        {
            errors.Add("location", $"({point.Latitude}, {point.Longitude}) is not a coordinate inside Indonesia.");
        }

        if (RegionCode is not null && !regions.Contains(RegionCode))
        {
            errors.Add("regionCode", $"Unknown region code '{RegionCode}' (use a Kemendagri province or regency/city code such as 35 or 35.78).");
        }

        return errors.ToDictionary();
    }
}
