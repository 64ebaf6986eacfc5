using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lapor.Hub.Calendar;

/// <summary>
/// Indonesian government working days: Monday to Friday, minus the national holidays, special holidays and
/// collective leave (cuti bersama) of the yearly decree. A new decree is added as data, one CSV file per source.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly FrozenDictionary<DateOnly, Holiday> holidays;
    private readonly FrozenSet<int> loadedYears;
    private readonly ConcurrentDictionary<int, bool> yearsWarnedAbout = new();
    private readonly ILogger logger;

    public WorkingDayCalendar(IEnumerable<Holiday> holidays, ILogger? logger = null)
    {
        var byDate = new Dictionary<DateOnly, Holiday>();
        foreach (var holiday in holidays)
            byDate.TryAdd(holiday.Date, holiday); // a date listed by two sources is still one day off; the first wins
        this.holidays = byDate.ToFrozenDictionary();
        loadedYears = byDate.Keys.Select(date => date.Year).ToFrozenSet();
        LoadedYears = [.. loadedYears.Order()];
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The folder of holiday files shipped beside the binaries; every *.csv in it is loaded.</summary>
    public static string DefaultDataPath { get; } = Path.Combine(AppContext.BaseDirectory, "data", "holidays");

    /// <summary>The years with holiday data, ascending. Other years count weekends only.</summary>
    public IReadOnlyCollection<int> LoadedYears { get; }

    /// <exception cref="InvalidDataException">A line is malformed; the message names the file and line number.</exception>
    public static WorkingDayCalendar LoadFile(string path, ILogger? logger = null) =>
        new(HolidayCsvReader.ReadFile(path), logger);

    /// <summary>Loads one file, or every *.csv file of a folder (e.g. one file per yearly decree).</summary>
    /// <exception cref="InvalidDataException">A line is malformed; the message names the file and line number.</exception>
    public static WorkingDayCalendar LoadDirectoryOrFile(string path, ILogger? logger = null)
    {
        if (File.Exists(path))
            return LoadFile(path, logger);
        if (!Directory.Exists(path))
            throw new FileNotFoundException($"No holiday data file or folder at '{path}'.", path);

        var files = Directory.GetFiles(path, "*.csv").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new FileNotFoundException($"The holiday data folder '{path}' contains no *.csv file.", path);
        return new(files.SelectMany(HolidayCsvReader.ReadFile), logger);
    }

    /// <exception cref="InvalidDataException">A line is malformed; the message names the source and line number.</exception>
    public static WorkingDayCalendar Parse(TextReader csv, string sourceName, ILogger? logger = null) =>
        new(HolidayCsvReader.Read(csv, sourceName), logger);

    public bool IsWorkingDay(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            return false;
        if (loadedYears.Contains(date.Year))
            return !holidays.ContainsKey(date);

        WarnOnceAboutMissingYear(date.Year);
        return true;
    }

    public Holiday? HolidayOn(DateOnly date) => holidays.GetValueOrDefault(date);

    /// <summary>The <paramref name="count"/>-th working day strictly after <paramref name="day"/>.</summary>
    public DateOnly AddWorkingDays(DateOnly day, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        while (count > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
                count--;
        }
        return day;
    }

    /// <summary>The number of working days d with <paramref name="fromExclusive"/> &lt; d &lt;= <paramref name="toInclusive"/>.</summary>
    public int WorkingDaysBetween(DateOnly fromExclusive, DateOnly toInclusive)
    {
        var count = 0;
        for (var day = fromExclusive.AddDays(1); day <= toInclusive; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
                count++;
        }
        return count;
    }

    /// <summary>
    /// The deadline for "within <paramref name="workingDays"/> working days after <paramref name="instant"/>": the end
    /// (00:00 of the next local day) of the n-th working day after the local date of the instant, in UTC.
    /// </summary>
    public DateTimeOffset DueAfter(DateTimeOffset instant, int workingDays, TimeZoneInfo zone) =>
        EndOfDay(AddWorkingDays(LocalDate(instant, zone), workingDays), zone);

    /// <summary>Moves <paramref name="due"/> later by the working days that passed while the clock was paused.</summary>
    public DateTimeOffset ExtendForPause(DateTimeOffset due, DateTimeOffset pausedAt, DateTimeOffset resumedAt, TimeZoneInfo zone)
    {
        if (resumedAt < pausedAt)
            throw new ArgumentException("A clock cannot resume before it was paused.", nameof(resumedAt));

        var pausedWorkingDays = WorkingDaysBetween(LocalDate(pausedAt, zone), LocalDate(resumedAt, zone));
        if (pausedWorkingDays == 0)
            return due;

        // `due` is the end of the deadline day, so that day holds the instant just before it.
        var deadlineDay = LocalDate(due.AddTicks(-1), zone);
        return EndOfDay(AddWorkingDays(deadlineDay, pausedWorkingDays), zone);
    }

    private static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static DateTimeOffset EndOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var nextMidnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(nextMidnight, zone.GetUtcOffset(nextMidnight)).ToUniversalTime();
    }

    private void WarnOnceAboutMissingYear(int year)
    {
        if (yearsWarnedAbout.TryAdd(year, true))
            logger.LogWarning("No holiday data for {Year}; counting weekends only", year);
    }
}
