using Lapor.Hub.Calendar;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Reports;

public sealed class DeadlineOptions
{
    public int VerificationWorkingDays { get; set; } = 3;

    public int FollowUpWorkingDays { get; set; } = 5;

    public int ClosingWorkingDays { get; set; } = 10;

    /// <summary>Time zone for deadlines that belong to no agency yet (verification): WIB, WITA, WIT or an IANA id.</summary>
    public string DefaultTimeZone { get; set; } = "WIB";

    /// <summary>
    /// A deadline reminder is never scheduled further ahead than this; when it fires early the grain
    /// re-arms it. Bounds the damage of a wrong clock and keeps every report's grain visited now and then.
    /// </summary>
    public TimeSpan ReminderHorizon { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often a reminder repeats until its handler has succeeded (Orleans reminders are periodic).</summary>
    public TimeSpan ReminderRetryPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Deadlines fall due at the end of a working day, so the reports filed on one day come due at one instant. Each
    /// report's deadline ticks at its own fixed point within this window after the deadline (drawn from its tracking
    /// ID), so a node works such a day off at an even pace instead of all at once. Zero ticks at the deadline itself.
    /// </summary>
    public TimeSpan TickSpread { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Turns "within N working days" into instants, using the working-day calendar.</summary>
public sealed class DeadlinePolicy(WorkingDayCalendar calendar, IOptions<DeadlineOptions> options)
{
    public DeadlineOptions Options => options.Value;

    public TimeZoneInfo DefaultZone { get; } = IndonesianTimeZones.Resolve(options.Value.DefaultTimeZone);

    public Deadline Start(DeadlineKind kind, DateTimeOffset from, TimeZoneInfo zone) =>
        new(kind, calendar.DueAfter(from, WorkingDays(kind), zone), zone.Id);

    /// <summary>
    /// When the reminder of <paramref name="deadline"/> of report <paramref name="trackingId"/> is to tick: at the
    /// same point within <see cref="DeadlineOptions.TickSpread"/> after the deadline every time it is armed.
    /// </summary>
    public DateTimeOffset TickAt(Deadline deadline, string trackingId) => deadline.DueAt + Options.TickSpread * SpreadFraction(trackingId);

    // FNV-1a: the same fraction in every process and after every restart (string.GetHashCode is seeded per process).
    private static double SpreadFraction(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash / 4294967296.0;
    }

    /// <summary>The clock was paused at <see cref="Deadline.PausedAt"/>: move the due date by the working days that passed.</summary>
    public Deadline Resume(Deadline paused, DateTimeOffset now)
    {
        if (paused.PausedAt is not { } pausedAt)
        {
            return paused;
        }

        var zone = IndonesianTimeZones.Resolve(paused.TimeZone);
        return paused with { DueAt = calendar.ExtendForPause(paused.DueAt, pausedAt, now, zone), PausedAt = null };
    }

    private int WorkingDays(DeadlineKind kind) => kind switch
    {
        DeadlineKind.Verification => Options.VerificationWorkingDays,
        DeadlineKind.FollowUp => Options.FollowUpWorkingDays,
        DeadlineKind.Closing => Options.ClosingWorkingDays,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
