using Lapor.Hub.Calendar;

namespace Lapor.Hub.Tests.Calendar;

public class IndonesianTimeZonesTests
{
    [Theory]
    [InlineData("WIB", 7)]
    [InlineData("wita", 8)]
    [InlineData(" Wit ", 9)]
    [InlineData("Asia/Jakarta", 7)]
    [InlineData("asia/makassar", 8)]
    [InlineData("Asia/Jayapura", 9)]
    [InlineData("Asia/Pontianak", 7)] // any system time zone id is accepted
    public void Resolves_abbreviations_and_IANA_ids(string name, int utcOffsetHours) =>
        Assert.Equal(TimeSpan.FromHours(utcOffsetHours), IndonesianTimeZones.Resolve(name).BaseUtcOffset);

    [Fact]
    public void Default_is_WIB()
    {
        Assert.Same(IndonesianTimeZones.Wib, IndonesianTimeZones.Default);
        Assert.Same(IndonesianTimeZones.Wib, IndonesianTimeZones.Resolve("wib"));
    }

    [Theory]
    [InlineData("WITB")]
    [InlineData("Mars/Olympus_Mons")]
    public void Unknown_names_are_refused_with_the_accepted_forms(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => IndonesianTimeZones.Resolve(name));

        Assert.Contains($"'{name}'", error.Message);
        Assert.Contains("WIB, WITA, WIT", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Empty_names_are_refused(string? name) =>
        Assert.ThrowsAny<ArgumentException>(() => IndonesianTimeZones.Resolve(name!));
}
