using Lapor.Hub.Agencies;
using Lapor.Hub.Categories;
using Lapor.Hub.Regions;
using Lapor.Hub.Web.Reports;

namespace Lapor.Hub.Tests.Console;

public sealed class ReportLabelsTests
{
    private static readonly ReportLabels Labels = new(
        CategoryCatalog.LoadFile(CategoryCatalog.DefaultDataPath),
        new AgencyDirectory(AgencyCatalog.LoadFile(AgencyCatalog.DefaultDataPath)),
        RegionCatalog.LoadFile(RegionCatalog.DefaultDataPath));

    [Theory]
    [InlineData("PEMKOT-3578", "WIB")]
    [InlineData("PEMKOT-7371", "WITA")]
    [InlineData("BELUM-ADA", "WIB")]
    [InlineData(null, "WIB")]
    public void An_agency_reads_its_deadlines_in_its_own_time_zone(string? agency, string zone) =>
        Assert.Equal(zone, Labels.TimeZoneOf(agency));

    [Fact]
    public void Codes_get_their_names_and_unknown_codes_show_as_themselves()
    {
        Assert.Equal("Pemerintah Kota Surabaya", Labels.Agency("PEMKOT-3578"));
        Assert.Equal("Kesehatan", Labels.Category("KESEHATAN"));
        Assert.Equal("Kota Surabaya", Labels.Region("35.78"));
        Assert.Equal("KODE-LAIN", Labels.Category("KODE-LAIN"));
        Assert.Equal("", Labels.Agency(null));
    }
}
