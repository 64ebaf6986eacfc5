namespace Lapor.Hub.Calendar;

public enum HolidayKind
{
    NationalHoliday,
    SpecialHoliday,
    CollectiveLeave,
}

/// <summary>A day off from the yearly decree (libur nasional, libur khusus or cuti bersama).</summary>
public sealed record Holiday(DateOnly Date, HolidayKind Kind, string Name);
