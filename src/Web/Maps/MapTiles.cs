using Microsoft.Extensions.Configuration;

namespace Lapor.Hub.Web.Maps;

/// <summary>Where map tiles come from (<c>Site:MapTileUrl</c>, <c>Site:MapAttribution</c>); OpenStreetMap unless configured.</summary>
public sealed class MapTiles(IConfiguration configuration)
{
    public const string DefaultUrl = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public const string DefaultAttribution = "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a>";

    public string Url => configuration["Site:MapTileUrl"] is { Length: > 0 } url ? url : DefaultUrl;

    public string Attribution => configuration["Site:MapAttribution"] is { Length: > 0 } text ? text : DefaultAttribution;
}
