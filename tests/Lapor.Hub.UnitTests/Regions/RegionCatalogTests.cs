using Lapor.Hub.Regions;

namespace Lapor.Hub.UnitTests.Regions;

public sealed class RegionCatalogTests
{
    private static readonly RegionCatalog Regions = RegionCatalog.LoadFile(RegionCatalog.DefaultDataPath);

    [Fact]
    public void Every_regency_and_city_named_in_full_in_an_address_is_found()
    {
        var regencies = Regions.All.Where(region => !region.IsProvince).ToArray();

        var wrong = regencies
            .Select(region => (region, found: Regions.FindIn($"Jl. Merdeka no. 12, RT 03/RW 05, {region.Name}, dekat pasar")))
            .Where(pair => pair.found?.Code != pair.region.Code)
            .Select(pair => $"{pair.region.Name} → {pair.found?.Name ?? "nothing"}")
            .ToArray();

        Assert.True(regencies.Length > 500, $"only {regencies.Length} regencies and cities in the catalog");
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("jalan ahmad yani, bogor", "32.71")]
    [InlineData("desa sukamaju kab. bogor", "32.01")]
    [InlineData("di kabupaten bogor dekat stasiun", "32.01")]
    [InlineData("Jl. Pemuda no. 5, Surabaya", "35.78")]
    [InlineData("kantor gubernur papua barat daya", "96")]
    [InlineData("papua", "91")]
    public void The_longest_name_wins_and_kab_prefers_the_regency(string text, string code) =>
        Assert.Equal(code, Regions.FindIn(text)?.Code);

    [Theory]
    [InlineData("")]
    [InlineData("jalan berlubang di depan pasar")]
    [InlineData("sura baya")]
    public void A_text_naming_no_region_finds_none(string text) => Assert.Null(Regions.FindIn(text));
}
