using Lapor.Hub.Calendar;
using Lapor.Hub.Tests.Infrastructure;
using static Lapor.Hub.Tests.Calendar.CalendarTestData;

namespace Lapor.Hub.Tests.Calendar;

public sealed class HolidayDataLoadingTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_shipped_file_covers_2024_to_2026()
    {
        var calendar = WorkingDayCalendar.LoadDirectoryOrFile(WorkingDayCalendar.DefaultDataPath);

        Assert.Equal([2024, 2025, 2026], calendar.LoadedYears);
    }

    [Fact]
    public void A_new_decree_is_added_as_another_file_in_the_folder()
    {
        var logger = new RecordingLogger();
        File.Copy(Path.Combine(WorkingDayCalendar.DefaultDataPath, "indonesia.csv"), Path.Combine(folder.Path, "indonesia-holidays.csv"));
        folder.Write("decree-2027.csv", """
            date,kind,name
            # SKB 2027; cuti bersama to follow
            2027-01-01,national_holiday,Hari Tahun Baru
            2026-12-25,national_holiday,Hari Raya Natal

            """);

        var calendar = WorkingDayCalendar.LoadDirectoryOrFile(folder.Path, logger);

        Assert.Equal([2024, 2025, 2026, 2027], calendar.LoadedYears);
        Assert.False(calendar.IsWorkingDay(Day("2027-01-01")));
        Assert.False(calendar.IsWorkingDay(Day("2026-12-25"))); // listed in both files
        Assert.Equal(Day("2027-01-04"), calendar.AddWorkingDays(Day("2026-12-30"), 2)); // Thu 31, (Fri 1 Jan) Mon 4
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public void Comments_blank_lines_and_Windows_line_ends_are_ignored()
    {
        const string csv = "# Keputusan Bersama 2027\r\n\r\ndate,kind,name\r\n   # indented comment\r\n"
            + "2027-08-17 , national_holiday , Hari Proklamasi Kemerdekaan R.I.\r\n"
            + "2027-12-25,national_holiday,Natal, Hari Raya\r\n\r\n";

        var calendar = WorkingDayCalendar.Parse(new StringReader(csv), "decree-2027.csv");

        Assert.Equal([2027], calendar.LoadedYears);
        Assert.Equal(new Holiday(Day("2027-08-17"), HolidayKind.NationalHoliday, "Hari Proklamasi Kemerdekaan R.I."), calendar.HolidayOn(Day("2027-08-17")));
        Assert.Equal("Natal, Hari Raya", calendar.HolidayOn(Day("2027-12-25"))?.Name);
    }

    [Theory]
    [InlineData("2027-02-30,national_holiday,Hari Tidak Ada", "'2027-02-30' is not a yyyy-MM-dd date")]
    [InlineData("17-08-2027,national_holiday,Hari Proklamasi", "'17-08-2027' is not a yyyy-MM-dd date")]
    [InlineData("2027-08-17,public_holiday,Hari Proklamasi", "unknown kind 'public_holiday'")]
    [InlineData("2027-08-17,national_holiday", "expected 'date,kind,name'")]
    [InlineData("2027-08-17,national_holiday, ", "expected 'date,kind,name'")]
    [InlineData("2027-08-17", "expected 'date,kind,name'")]
    public void A_malformed_line_is_reported_with_source_and_line_number(string badLine, string problem)
    {
        var csv = $"date,kind,name\n# comment\n\n{badLine}\n2027-01-01,national_holiday,Hari Tahun Baru\n";

        var error = Assert.Throws<InvalidDataException>(() => WorkingDayCalendar.Parse(new StringReader(csv), "decree-2027.csv"));

        Assert.StartsWith("decree-2027.csv, line 4: ", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_malformed_file_in_a_folder_is_named_in_the_error()
    {
        File.Copy(Path.Combine(WorkingDayCalendar.DefaultDataPath, "indonesia.csv"), Path.Combine(folder.Path, "indonesia-holidays.csv"));
        folder.Write("decree-2027.csv", "date,kind,name\n2027-01-01,national_holiday,Hari Tahun Baru\n2027-01-O2,collective_leave,Cuti\n");

        var error = Assert.Throws<InvalidDataException>(() => WorkingDayCalendar.LoadDirectoryOrFile(folder.Path));

        Assert.StartsWith(Path.Combine(folder.Path, "decree-2027.csv") + ", line 3: ", error.Message);
    }

    [Fact]
    public void A_missing_path_or_an_empty_folder_is_refused()
    {
        Assert.Throws<FileNotFoundException>(() => WorkingDayCalendar.LoadDirectoryOrFile(Path.Combine(folder.Path, "absent")));
        Assert.Throws<FileNotFoundException>(() => WorkingDayCalendar.LoadDirectoryOrFile(folder.Path));
    }
}
