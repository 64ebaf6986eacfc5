using System.Net;
using System.Text.Json;

namespace Lapor.Hub.Tests.Console.Public;

/// <summary>The public map feed for reports a citizen placed by typing a place (a region) rather than sharing a point.</summary>
public sealed class RegionMapPointTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [Fact]
    public async Task A_report_with_a_region_but_no_point_is_on_the_map_at_the_regions_point_marked_approximate()
    {
        var placedByRegion = await hub.FileAsync(new
        {
            text = "Lampu jalan di sepanjang Jalan Darmo padam sejak seminggu.",
            title = "Lampu jalan padam",
            regionCode = "35.78",
            isSecret = false,
            isAnonymous = false,
        });
        var placedByPoint = await hub.FileAsync(CitizenReports.Body("Jembatan retak", "Jembatan penyeberangan di depan pasar retak dan miring."));
        await hub.ForwardAsync(placedByRegion, "PEKERJAAN-UMUM", ConsoleHub.AgencyA);
        await hub.ForwardAsync(placedByPoint, "PEKERJAAN-UMUM", ConsoleHub.AgencyA);

        var (status, body) = await hub.NewClient().GetPageAsync("/api/map");

        Assert.Equal(HttpStatusCode.OK, status);
        var points = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
        var byRegion = points.Single(point => point.GetProperty("trackingId").GetString() == placedByRegion.TrackingId);
        Assert.Equal(-7.26667, byRegion.GetProperty("latitude").GetDouble()); // Kota Surabaya in regions.csv
        Assert.Equal(112.71667, byRegion.GetProperty("longitude").GetDouble());
        Assert.True(byRegion.GetProperty("approximate").GetBoolean());
        var byPoint = points.Single(point => point.GetProperty("trackingId").GetString() == placedByPoint.TrackingId);
        Assert.Equal(-7.2575, byPoint.GetProperty("latitude").GetDouble());
        Assert.False(byPoint.GetProperty("approximate").GetBoolean());
    }
}
