using Lapor.Hub.Calendar;
using static Lapor.Hub.Tests.Calendar.CalendarTestData;

namespace Lapor.Hub.Tests.Calendar;

public class DueDateTests
{
    private readonly WorkingDayCalendar calendar = Indonesia();

    [Fact]
    public void Idul_Fitri_2026_week_is_skipped()
    {
        // The data file: 18 (cuti Nyepi), 19 (Nyepi), 20 (cuti Idul Fitri), 21–22 (Idul Fitri, a weekend), 23–24 (cuti).
        Assert.All(["2026-03-18", "2026-03-19", "2026-03-20", "2026-03-23", "2026-03-24"],
            date => Assert.NotNull(calendar.HolidayOn(Day(date))));
        Assert.Equal(DayOfWeek.Saturday, Day("2026-03-21").DayOfWeek);

        // Filed Tuesday the 17th: the three working days are 25, 26 and 27 March.
        var due = calendar.DueAfter(At("2026-03-17T10:00+07:00"), 3, IndonesianTimeZones.Wib);

        Assert.Equal(At("2026-03-28T00:00+07:00"), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Theory]
    [InlineData("2025-12-23T10:00+07:00", 3, "2025-12-31T00:00+07:00")] // 24, (25 Natal, 26 cuti, weekend) 29, 30
    [InlineData("2025-12-23T10:00+07:00", 5, "2026-01-03T00:00+07:00")] // ... 31, (1 Jan) 2 Jan
    [InlineData("2026-12-23T10:00+07:00", 3, "2026-12-31T00:00+07:00")] // (24 cuti, 25 Natal, weekend) 28, 29, 30
    public void Year_end_leave_and_New_Year_are_skipped(string filedAt, int workingDays, string expectedDue) =>
        Assert.Equal(At(expectedDue), calendar.DueAfter(At(filedAt), workingDays, IndonesianTimeZones.Wib));

    [Theory]
    [InlineData(1, "2026-05-12T00:00+07:00")] // Monday 11 May
    [InlineData(5, "2026-05-20T00:00+07:00")] // 11, 12, 13, (14 Ascension, 15 cuti) 18, 19
    public void Report_filed_on_Saturday_night_starts_counting_on_Monday(int workingDays, string expectedDue) =>
        Assert.Equal(At(expectedDue), calendar.DueAfter(At("2026-05-09T22:00+07:00"), workingDays, IndonesianTimeZones.Wib));

    [Fact]
    public void Counting_starts_from_the_local_date_not_the_UTC_date()
    {
        // Monday 06:00 WIB is still Sunday in UTC; the one working day after Monday is Tuesday.
        var due = calendar.DueAfter(At("2026-05-11T06:00+07:00"), 1, IndonesianTimeZones.Wib);

        Assert.Equal(At("2026-05-13T00:00+07:00"), due);
    }

    [Theory]
    // Thursday 23:59 WIB is already Friday in WITA and WIT: their first working day after it is Monday.
    [InlineData("WIB", "2026-05-07T23:59+07:00", "2026-05-09T00:00+07:00")]
    [InlineData("WITA", "2026-05-07T23:59+07:00", "2026-05-12T00:00+08:00")]
    [InlineData("WIT", "2026-05-07T23:59+07:00", "2026-05-12T00:00+09:00")]
    // Friday 23:59 WIB is Saturday 00:59 WITA: both count from Monday, but each day ends at its own local midnight.
    [InlineData("WIB", "2026-05-08T23:59+07:00", "2026-05-12T00:00+07:00")]
    [InlineData("WITA", "2026-05-08T23:59+07:00", "2026-05-12T00:00+08:00")]
    public void Due_date_follows_the_agency_time_zone(string zone, string filedAt, string expectedDue) =>
        Assert.Equal(At(expectedDue), calendar.DueAfter(At(filedAt), 1, IndonesianTimeZones.Resolve(zone)));

    [Theory]
    // Due at the end of Monday 13 July (filed Monday 6 July, 5 working days).
    [InlineData("2026-07-09T15:00+07:00", "2026-07-13T08:00+07:00", "2026-07-16T00:00+07:00")] // Fri 10 + Mon 13 paused → Tue 14, Wed 15
    [InlineData("2026-07-10T16:00+07:00", "2026-07-13T09:00+07:00", "2026-07-15T00:00+07:00")] // Mon 13 paused → Tue 14
    [InlineData("2026-07-11T09:00+07:00", "2026-07-12T20:00+07:00", "2026-07-14T00:00+07:00")] // weekend only: unchanged
    [InlineData("2026-07-09T09:00+07:00", "2026-07-09T17:00+07:00", "2026-07-14T00:00+07:00")] // same day: unchanged
    public void Pause_across_a_weekend_extends_by_the_working_days_paused(string pausedAt, string resumedAt, string expectedDue)
    {
        var due = calendar.DueAfter(At("2026-07-06T10:00+07:00"), 5, IndonesianTimeZones.Wib);
        Assert.Equal(At("2026-07-14T00:00+07:00"), due);

        Assert.Equal(At(expectedDue), calendar.ExtendForPause(due, At(pausedAt), At(resumedAt), IndonesianTimeZones.Wib));
    }

    [Fact]
    public void Pause_across_a_holiday_skips_it_twice()
    {
        // Filed Wednesday 10 June, 3 working days: 11, 12, 15 June.
        var due = calendar.DueAfter(At("2026-06-10T10:00+07:00"), 3, IndonesianTimeZones.Wib);
        Assert.Equal(At("2026-06-16T00:00+07:00"), due);

        // Paused Friday 00:30 WIB (still Thursday in UTC) until Wednesday: Mon 15 and Wed 17 pass, Tue 16 (1 Muharram) does not.
        // The two days are then added after Mon 15: again skipping Tue 16, so Wed 17 and Thu 18.
        var extended = calendar.ExtendForPause(due, At("2026-06-11T17:30Z"), At("2026-06-17T10:00+07:00"), IndonesianTimeZones.Wib);

        Assert.Equal(At("2026-06-19T00:00+07:00"), extended);
    }

    [Fact]
    public void Resuming_before_pausing_is_refused() =>
        Assert.Throws<ArgumentException>(() => calendar.ExtendForPause(
            At("2026-07-14T00:00+07:00"), At("2026-07-10T10:00+07:00"), At("2026-07-09T10:00+07:00"), IndonesianTimeZones.Wib));
}
