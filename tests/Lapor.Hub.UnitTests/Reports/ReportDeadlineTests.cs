using Lapor.Hub.Reports;
using static Lapor.Hub.Tests.Reports.ReportFixtures;

namespace Lapor.Hub.Tests.Reports;

/// <summary>The working-day deadlines as the report applies them (the reminders that drive them are tested on a real silo).</summary>
public sealed class ReportDeadlineTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    private static readonly TimeSpan WitaOffset = TimeSpan.FromHours(8);

    [Fact]
    public void Verification_is_due_at_the_end_of_the_third_working_day_after_filing()
    {
        var report = Filed(Monday);
        var deadline = Assert.Single(report.State.Deadlines);
        Assert.Equal(DeadlineKind.Verification, deadline.Kind);
        Assert.Equal(new DateTimeOffset(2026, 3, 13, 0, 0, 0, Wib), deadline.DueAt); // Tue, Wed, Thu 12 March
    }

    [Fact]
    public void Asking_the_citizen_pauses_the_clock_and_the_answer_moves_it_by_the_working_days_that_passed()
    {
        var report = Filed(Monday);
        report.RequestClarification(new RequestClarification(Admin, "Di mana tepatnya?"), new DateTimeOffset(2026, 3, 10, 10, 0, 0, Wib));
        Assert.True(report.State.Deadlines[0].IsPaused);
        Assert.Empty(report.PendingDeadlines);
        Assert.Equal(DeadlineOutcome.NotPending, report.OnDeadline(DeadlineKind.Verification, new DateTimeOffset(2026, 3, 20, 0, 0, 0, Wib)));

        report.Reply(new PostReply(Citizen, "Jl. Pettarani, depan pasar."), new DateTimeOffset(2026, 3, 16, 10, 0, 0, Wib));

        // Paused Tue 10 → answered Mon 16: 11, 12, 13, 16 = 4 working days. Due was the end of Thu 12;
        // four working days later skips the Nyepi/Idul Fitri leave of 18–24 March: 13, 16, 17, 25.
        Assert.Equal(ReportStatus.Submitted, report.State.Status);
        var resumed = Assert.Single(report.PendingDeadlines);
        Assert.Equal(new DateTimeOffset(2026, 3, 26, 0, 0, 0, Wib), resumed.DueAt);
        Assert.Equal(ReportEventKind.ClarificationProvided, report.State.History[^1].Kind);
    }

    [Fact]
    public void A_missed_deadline_marks_the_report_overdue_once_however_often_the_reminder_fires()
    {
        var report = Filed(Monday);
        var due = report.State.Deadlines[0].DueAt;

        Assert.Equal(DeadlineOutcome.NotYetDue, report.OnDeadline(DeadlineKind.Verification, due.AddSeconds(-1)));
        Assert.False(report.IsOverdue);

        Assert.Equal(DeadlineOutcome.Missed, report.OnDeadline(DeadlineKind.Verification, due));
        Assert.Equal(DeadlineOutcome.NotPending, report.OnDeadline(DeadlineKind.Verification, due.AddMinutes(5)));
        Assert.Equal(DeadlineOutcome.NotPending, report.OnDeadline(DeadlineKind.FollowUp, due.AddMinutes(5)));

        Assert.True(report.IsOverdue);
        Assert.Equal(ReportStatus.Submitted, report.State.Status);
        var missed = Assert.Single(report.State.History, e => e.Kind == ReportEventKind.DeadlineMissed);
        Assert.Equal(DeadlineKind.Verification, missed.Deadline);
        Assert.Equal(ActorKind.System, missed.Actor.Kind);
    }

    [Fact]
    public void Forwarding_late_clears_overdue_and_starts_the_agency_clock_in_the_agency_time_zone()
    {
        var report = Filed(Monday);
        report.OnDeadline(DeadlineKind.Verification, new DateTimeOffset(2026, 3, 13, 0, 0, 0, Wib));
        Assert.True(report.IsOverdue);

        // Thursday 23:30 WIB is already Friday 00:30 in Makassar (WITA): the agency counts from Friday.
        report.Forward(new ForwardReport(Admin, "PEKERJAAN-UMUM", AgencyCode), Wita, new DateTimeOffset(2026, 3, 12, 23, 30, 0, Wib));

        Assert.False(report.IsOverdue);
        var followUp = Assert.Single(report.State.Deadlines);
        Assert.Equal(DeadlineKind.FollowUp, followUp.Kind);
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 0, 0, 0, WitaOffset), followUp.DueAt); // 16, 17, 25, 26, 27 March
        Assert.Equal(Wita.Id, followUp.TimeZone);
    }

    [Fact]
    public void A_reply_restarts_the_closing_clock_and_silence_closes_the_report()
    {
        var report = Filed(Monday);
        Forward(report, new DateTimeOffset(2026, 3, 10, 10, 0, 0, Wib));
        FollowUp(report, new DateTimeOffset(2026, 3, 11, 10, 0, 0, Wib));
        var firstClosing = Assert.Single(report.PendingDeadlines);
        // After Wed 11: 12, 13, 16, 17, 25, 26, 27, 30, 31 March, 1 April (WITA).
        Assert.Equal(new DateTimeOffset(2026, 4, 2, 0, 0, 0, WitaOffset), firstClosing.DueAt);

        report.Reply(new PostReply(Citizen, "Belum diperbaiki, masih berlubang."), new DateTimeOffset(2026, 3, 13, 9, 0, 0, Wib));
        Assert.Equal(DeadlineOutcome.NotYetDue, report.OnDeadline(DeadlineKind.Closing, firstClosing.DueAt));
        Assert.Equal(ReportStatus.FollowedUp, report.State.Status);

        // After Fri 13: 16, 17, 25, 26, 27, 30, 31, 1, 2 April, then 3 April (Good Friday) is skipped: 6 April.
        var restarted = Assert.Single(report.PendingDeadlines);
        Assert.Equal(new DateTimeOffset(2026, 4, 7, 0, 0, 0, WitaOffset), restarted.DueAt);

        Assert.Equal(DeadlineOutcome.Closed, report.OnDeadline(DeadlineKind.Closing, restarted.DueAt));
        Assert.Equal(ReportStatus.Closed, report.State.Status);
        Assert.Empty(report.State.Deadlines);
        Assert.Equal(DeadlineOutcome.NotPending, report.OnDeadline(DeadlineKind.Closing, restarted.DueAt.AddDays(1)));
        Assert.Single(report.State.History, e => e.Kind == ReportEventKind.Closed);
    }

    [Fact]
    public void The_deadlines_of_one_day_tick_spread_evenly_over_the_window_after_it_each_report_at_its_own_fixed_point()
    {
        var deadline = new Deadline(DeadlineKind.Verification, new DateTimeOffset(2026, 3, 13, 0, 0, 0, Wib), "Asia/Jakarta");
        var spread = Deadlines.Options.TickSpread;
        var random = new Random(15);
        var trackingIds = Enumerable.Range(0, 10_000)
            .Select(_ => new string(Enumerable.Range(0, 11).Select(_ => "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"[random.Next(32)]).ToArray()))
            .ToArray();

        var ticks = trackingIds.Select(id => Deadlines.TickAt(deadline, id)).ToArray();

        Assert.Equal(TimeSpan.FromMinutes(10), spread);
        Assert.All(ticks, tick => Assert.True(tick >= deadline.DueAt && tick < deadline.DueAt + spread, $"{tick:O}"));
        var perTenth = ticks.CountBy(tick => (int)((tick - deadline.DueAt) / spread * 10)).ToDictionary();
        Assert.Equal(10, perTenth.Count);
        Assert.All(perTenth.Values, count => Assert.InRange(count, 800, 1_200));
        // Not string.GetHashCode, which differs per process: the same report ticks at the same point after a restart.
        Assert.Equal(deadline.DueAt + TimeSpan.FromTicks(4_837_747_405), Deadlines.TickAt(deadline, "AZ7UPU24E8P"));
    }

    [Fact]
    public void Without_a_spread_a_deadline_ticks_when_it_falls_due()
    {
        var deadline = new Deadline(DeadlineKind.Closing, new DateTimeOffset(2026, 4, 7, 0, 0, 0, WitaOffset), "Asia/Makassar");
        var unspread = new DeadlinePolicy(ReportFixtures.Calendar, Microsoft.Extensions.Options.Options.Create(new DeadlineOptions { TickSpread = TimeSpan.Zero }));

        Assert.Equal(deadline.DueAt, unspread.TickAt(deadline, "AZ7UPU24E8P"));
    }
}
