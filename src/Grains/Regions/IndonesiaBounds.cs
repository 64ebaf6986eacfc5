using Lapor.Hub.Reports;

namespace Lapor.Hub.Regions;

/// <summary>A generous bounding box around Indonesia's territory, to catch swapped or garbage coordinates.</summary>
public static class IndonesiaBounds
{
    public const double MinLatitude = -11.5;
    public const double MaxLatitude = 6.5;
    public const double MinLongitude = 94.5;
    public const double MaxLongitude = 141.5;

    public static bool Contains(GeoPoint point) =>
        double.IsFinite(point.Latitude) && double.IsFinite(point.Longitude)
        && point.Latitude is >= MinLatitude and <= MaxLatitude
        && point.Longitude is >= MinLongitude and <= MaxLongitude;
}
