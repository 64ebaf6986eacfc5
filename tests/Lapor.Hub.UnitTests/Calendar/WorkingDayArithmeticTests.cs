using Lapor.Hub.Calendar;
using static Lapor.Hub.Tests.Calendar.CalendarTestData;

namespace Lapor.Hub.Tests.Calendar;

public class WorkingDayArithmeticTests
{
    private readonly WorkingDayCalendar calendar = Indonesia();

    [Theory]
    [InlineData("2026-03-17", true)]  // Tuesday before Nyepi
    [InlineData("2026-03-18", false)] // cuti bersama Nyepi
    [InlineData("2026-03-19", false)] // Nyepi
    [InlineData("2026-03-20", false)] // cuti bersama Idul Fitri
    [InlineData("2026-03-21", false)] // Saturday, Idul Fitri
    [InlineData("2026-03-22", false)] // Sunday, Idul Fitri
    [InlineData("2026-03-23", false)] // cuti bersama Idul Fitri
    [InlineData("2026-03-24", false)] // cuti bersama Idul Fitri
    [InlineData("2026-03-25", true)]
    [InlineData("2024-02-14", false)] // special holiday: general election
    [InlineData("2025-08-18", false)] // special holiday: 80th Independence Day
    [InlineData("2026-07-11", false)] // ordinary Saturday
    [InlineData("2026-07-13", true)]  // ordinary Monday
    public void Knows_working_days_from_the_data_file(string date, bool expected) =>
        Assert.Equal(expected, calendar.IsWorkingDay(Day(date)));

    [Fact]
    public void Tells_which_holiday_falls_on_a_date()
    {
        Assert.Equal(new Holiday(Day("2026-03-21"), HolidayKind.NationalHoliday, "Hari Idul Fitri"), calendar.HolidayOn(Day("2026-03-21")));
        Assert.Equal(HolidayKind.CollectiveLeave, calendar.HolidayOn(Day("2026-03-23"))?.Kind);
        Assert.Equal(HolidayKind.SpecialHoliday, calendar.HolidayOn(Day("2024-02-14"))?.Kind);
        Assert.Null(calendar.HolidayOn(Day("2026-03-25")));
    }

    [Theory]
    [InlineData("2026-07-06", 1, "2026-07-07")]  // Monday: the start day itself never counts
    [InlineData("2026-07-10", 1, "2026-07-13")]  // Friday → Monday
    [InlineData("2026-07-11", 1, "2026-07-13")]  // Saturday → Monday
    [InlineData("2026-07-06", 10, "2026-07-20")] // two plain weeks
    [InlineData("2026-03-17", 1, "2026-03-25")]  // over Nyepi and Idul Fitri (18–24 March)
    [InlineData("2026-05-13", 1, "2026-05-18")]  // Ascension Thursday and its cuti bersama Friday
    [InlineData("2025-12-31", 1, "2026-01-02")]  // New Year's Day
    public void Adds_working_days(string start, int count, string expected) =>
        Assert.Equal(Day(expected), calendar.AddWorkingDays(Day(start), count));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Adding_fewer_than_one_working_day_is_refused(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingDays(Day("2026-07-06"), count));

    [Theory]
    [InlineData("2026-07-06", "2026-07-06", 0)]
    [InlineData("2026-07-13", "2026-07-06", 0)]  // backwards
    [InlineData("2026-07-06", "2026-07-07", 1)]  // `from` is excluded, `to` included
    [InlineData("2026-07-10", "2026-07-12", 0)]  // only the weekend
    [InlineData("2026-03-17", "2026-03-25", 1)]  // the whole Idul Fitri break
    [InlineData("2025-12-23", "2026-01-02", 5)]  // 24, 29, 30, 31 Dec and 2 Jan
    [InlineData("2025-12-31", "2026-12-31", 240)] // 261 weekdays in 2026 minus the 21 holidays that fall on one
    public void Counts_working_days_between_two_dates(string fromExclusive, string toInclusive, int expected) =>
        Assert.Equal(expected, calendar.WorkingDaysBetween(Day(fromExclusive), Day(toInclusive)));

    [Fact]
    public void Adding_and_counting_agree_on_every_day_of_the_loaded_years()
    {
        for (var day = Day("2024-01-01"); day <= Day("2026-12-31"); day = day.AddDays(1))
        {
            for (var count = 1; count <= 10; count++)
            {
                var result = calendar.AddWorkingDays(day, count);
                Assert.Equal(count, calendar.WorkingDaysBetween(day, result));
                // ...and no earlier day already completes the count.
                Assert.Equal(count - 1, calendar.WorkingDaysBetween(day, result.AddDays(-1)));
            }
        }
    }
}
