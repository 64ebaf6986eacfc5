using Lapor.Hub.Calendar;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static Lapor.Hub.Tests.Calendar.CalendarTestData;

namespace Lapor.Hub.Tests.Calendar;

public class MissingYearTests
{
    private const string WarningTemplate = "No holiday data for {Year}; counting weekends only";

    private readonly RecordingLogger logger = new();

    [Fact]
    public void A_deadline_running_into_2027_counts_weekends_only_and_warns_once()
    {
        var calendar = Indonesia(logger);

        // (24 cuti, 25 Natal, weekend) 28, 29, 30, 31 Dec, and 1 Jan 2027, a holiday the data does not know yet.
        var due = calendar.DueAfter(At("2026-12-23T10:00+07:00"), 5, IndonesianTimeZones.Wib);
        calendar.AddWorkingDays(Day("2026-12-31"), 3);
        calendar.IsWorkingDay(Day("2027-06-01"));

        Assert.Equal(At("2027-01-02T00:00+07:00"), due);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("No holiday data for 2027; counting weekends only", warning.Message);
        Assert.Equal(WarningTemplate, warning.Properties["{OriginalFormat}"]);
        Assert.Equal(2027, warning.Properties["Year"]);
    }

    [Fact]
    public void Each_missing_year_is_warned_about_once()
    {
        var calendar = Indonesia(logger);

        Assert.Equal(Day("2030-01-07"), calendar.AddWorkingDays(Day("2030-01-04"), 1)); // Friday → Monday
        Assert.True(calendar.IsWorkingDay(Day("2030-01-01")));  // New Year's Day, unknown without data
        Assert.False(calendar.IsWorkingDay(Day("2030-01-05"))); // Saturday
        Assert.Equal(261, calendar.WorkingDaysBetween(Day("2029-12-31"), Day("2030-12-31"))); // 52 weeks + Tuesday 1 Jan
        calendar.IsWorkingDay(Day("2027-01-01"));

        Assert.Equal(new object[] { 2030, 2027 }, logger.Entries.Select(entry => entry.Properties["Year"]));
    }

    [Fact]
    public void Concurrent_lookups_still_warn_once()
    {
        var calendar = Indonesia(logger);

        Parallel.For(0, 10_000, i => calendar.IsWorkingDay(Day("2028-01-03").AddDays(i % 300)));

        Assert.Equal(2028, Assert.Single(logger.Entries).Properties["Year"]);
    }

    [Fact]
    public void Loaded_years_never_warn()
    {
        var calendar = Indonesia(logger);

        calendar.WorkingDaysBetween(Day("2023-12-31"), Day("2026-12-31"));

        Assert.Empty(logger.Entries);
    }
}
