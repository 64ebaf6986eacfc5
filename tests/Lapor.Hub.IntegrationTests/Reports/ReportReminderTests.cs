using Lapor.Hub.Agencies;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Filing;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Storage;
using Lapor.Hub.Storage.Reports;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;

namespace Lapor.Hub.Tests.Reports;

/// <summary>
/// Deadlines enforced by real Orleans reminders in a real silo on real storage: the test moves business time
/// past a deadline and waits for the reminder to change the report; nothing calls the handler for it.
/// </summary>
public abstract class ReportReminderTests<TCluster>(TCluster fixture) where TCluster : IReportCluster
{
    private const string Agency = "PEMKOT-7371";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task A_missed_verification_deadline_marks_the_report_overdue_through_its_reminder()
    {
        fixture.SkipIfUnavailable();
        var report = await FileAsync();
        var due = (await report.Get())!.Deadline(DeadlineKind.Verification)!.DueAt;
        Assert.Contains("deadline-verification", await report.GetScheduledReminders());

        fixture.Cluster.JumpTo(due.AddMinutes(1));
        var overdue = await EventuallyAsync(report, r => r.IsOverdue);

        var missed = Assert.Single(overdue.History, e => e.Kind == ReportEventKind.DeadlineMissed);
        Assert.Equal(DeadlineKind.Verification, missed.Deadline);
        Assert.Equal(ReportStatus.Submitted, overdue.Status);
        await EventuallyAsync(async () => !(await report.GetScheduledReminders()).Contains("deadline-verification"));
        var listed = await ReadModel().ListAsync(new ReportListQuery(Overdue: true, PublishedOnly: false, PageSize: 100));
        Assert.Contains(listed.Items, i => i.TrackingId == overdue.TrackingId && i.IsOverdue);
    }

    [SkippableFact]
    public async Task A_reminder_that_fires_again_changes_nothing()
    {
        fixture.SkipIfUnavailable();
        var report = await FileAsync();
        fixture.Cluster.JumpTo((await report.Get())!.Deadline(DeadlineKind.Verification)!.DueAt.AddMinutes(1));
        var overdue = await EventuallyAsync(report, r => r.IsOverdue);

        // Orleans may deliver a tick late or twice: deliver the same reminder twice more.
        var remindable = report.AsReference<IRemindable>();
        await remindable.ReceiveReminder("deadline-verification", new TickStatus(DateTime.UtcNow, TimeSpan.FromSeconds(1), DateTime.UtcNow));
        await remindable.ReceiveReminder("deadline-verification", new TickStatus(DateTime.UtcNow, TimeSpan.FromSeconds(1), DateTime.UtcNow));

        var after = (await report.Get())!;
        Assert.Equal(overdue.Version, after.Version);
        Assert.Single(after.History, e => e.Kind == ReportEventKind.DeadlineMissed);
    }

    [SkippableFact]
    public async Task Before_its_deadline_a_reminder_only_re_arms_itself()
    {
        fixture.SkipIfUnavailable();
        var report = await FileAsync();
        var version = (await report.Get())!.Version;

        // The reminder horizon is one second here: it fires several times while the deadline is days away.
        await Task.Delay(TimeSpan.FromSeconds(4));

        var after = (await report.Get())!;
        Assert.Equal(version, after.Version);
        Assert.False(after.IsOverdue);
        Assert.Contains("deadline-verification", await report.GetScheduledReminders());
    }

    [SkippableFact]
    public async Task A_missed_follow_up_counts_against_the_agency()
    {
        fixture.SkipIfUnavailable();
        var report = await FileAsync();
        var forwarded = await report.Forward(new ForwardReport(Actor.Admin("a"), "PEKERJAAN-UMUM", Agency));
        var agency = fixture.Cluster.GrainFactory.GetGrain<IAgencyGrain>(Agency);
        var before = (await agency.Get())!;

        fixture.Cluster.JumpTo(forwarded.Deadline(DeadlineKind.FollowUp)!.DueAt.AddMinutes(1));
        await EventuallyAsync(report, r => r.IsOverdue);

        var after = await EventuallyAsync(async () => (await agency.Get())!, a => a.MissedDeadlines == before.MissedDeadlines + 1);
        Assert.Equal(before.OverdueReports + 1, after.OverdueReports);
    }

    [SkippableFact]
    public async Task Silence_after_a_follow_up_closes_the_report_through_its_reminder()
    {
        fixture.SkipIfUnavailable();
        var report = await FileAsync();
        await report.Forward(new ForwardReport(Actor.Admin("a"), "PEKERJAAN-UMUM", Agency));
        var agency = fixture.Cluster.GrainFactory.GetGrain<IAgencyGrain>(Agency);
        var followedUp = await report.PostFollowUp(new PostFollowUp(Actor.Officer("o", Agency), "Sudah diperbaiki."));
        var before = (await agency.Get())!;

        fixture.Cluster.JumpTo(followedUp.Deadline(DeadlineKind.Closing)!.DueAt.AddMinutes(1));
        var closed = await EventuallyAsync(report, r => r.Status == ReportStatus.Closed);

        Assert.Equal(ReportEventKind.Closed, closed.History[^1].Kind);
        await EventuallyAsync(async () => (await report.GetScheduledReminders()).Count == 0);
        var after = await EventuallyAsync(async () => (await agency.Get())!, a => a.ClosedReports == before.ClosedReports + 1);
        Assert.Equal(before.OpenReports - 1, after.OpenReports);
        var listed = await ReadModel().ListAsync(new ReportListQuery(Status: ReportStatus.Closed, PageSize: 100));
        Assert.Contains(listed.Items, i => i.TrackingId == closed.TrackingId);
    }

    [SkippableFact]
    public async Task A_pending_deadline_survives_a_restart_of_the_whole_cluster()
    {
        fixture.SkipIfUnavailable();
        var report = await FileAsync();
        var view = (await report.Get())!;

        await fixture.RestartClusterAsync();
        report = fixture.Cluster.GrainFactory.GetGrain<IReportGrain>(view.TrackingId);
        Assert.Equal(view.Version, (await report.Get())!.Version);
        fixture.Cluster.JumpTo(view.Deadline(DeadlineKind.Verification)!.DueAt.AddMinutes(1));

        var overdue = await EventuallyAsync(report, r => r.IsOverdue);
        Assert.Single(overdue.History, e => e.Kind == ReportEventKind.DeadlineMissed);
    }

    private async Task<IReportGrain> FileAsync()
    {
        var filed = await fixture.Cluster.GrainFactory.GetGrain<IReportFilingGrain>("telegram:tg:42:" + Guid.NewGuid()).File(ReportFixtures.Submission());
        return fixture.Cluster.GrainFactory.GetGrain<IReportGrain>(filed.Report.TrackingId);
    }

    private SqlReportReadModel ReadModel() =>
        new(new HubDatabase(fixture.Storage, NullLogger<HubDatabase>.Instance));

    private static Task<ReportView> EventuallyAsync(IReportGrain report, Func<ReportView, bool> condition) =>
        EventuallyAsync(async () => (await report.Get())!, condition);

    private static async Task EventuallyAsync(Func<Task<bool>> condition) => await EventuallyAsync(condition, ok => ok);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Not reached within {Patience.TotalSeconds} s; last value: {value}");
            await Task.Delay(200);
        }
    }
}

public sealed class SqliteReportReminderTests(SqliteReportCluster fixture)
    : ReportReminderTests<SqliteReportCluster>(fixture), IClassFixture<SqliteReportCluster>;

public sealed class PostgresReportReminderTests(PostgresReportCluster fixture)
    : ReportReminderTests<PostgresReportCluster>(fixture), IClassFixture<PostgresReportCluster>;
