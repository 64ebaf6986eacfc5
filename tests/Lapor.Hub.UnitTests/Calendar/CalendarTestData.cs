using System.Globalization;
using Lapor.Hub.Calendar;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Calendar;

internal static class CalendarTestData
{
    /// <summary>The project's own holiday file (2024–2026), as deployed next to the binaries.</summary>
    public static WorkingDayCalendar Indonesia(RecordingLogger? logger = null) =>
        WorkingDayCalendar.LoadDirectoryOrFile(WorkingDayCalendar.DefaultDataPath, logger);

    public static DateOnly Day(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant written with its offset, e.g. "2026-03-17T10:00+07:00" (10:00 WIB).</summary>
    public static DateTimeOffset At(string isoInstant) => DateTimeOffset.Parse(isoInstant, CultureInfo.InvariantCulture);
}
