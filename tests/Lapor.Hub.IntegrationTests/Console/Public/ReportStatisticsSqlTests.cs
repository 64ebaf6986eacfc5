using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Storage;
using Lapor.Hub.Storage.Reports;
using Lapor.Hub.Tests.Infrastructure;
using Lapor.Hub.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Console.Public;

/// <summary>
/// <see cref="SqlReportStatistics"/> against a known query table, on SQLite and (with LAPOR_TEST_POSTGRES) PostgreSQL:
/// the same SQL must give the same figures on both.
/// </summary>
public abstract class ReportStatisticsSqlTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 3, 0, 0, TimeSpan.Zero);

    private const string Kemenkes = "KEMENKES";
    private const string Surabaya = "PEMKOT-3578";

    private readonly string _v1 = NewId(), _v2 = NewId(), _f1 = NewId(), _f3 = NewId();

    protected abstract Task<HubStorageOptions> StorageAsync();

    [SkippableFact]
    public async Task Figures_come_from_the_query_table_grouped_by_the_database()
    {
        var storage = await StorageAsync();
        await using var services = new ServiceCollection().AddLogging().AddHubDatabase(storage).AddHubReadModels().BuildServiceProvider();
        var readModel = services.GetRequiredService<IReportReadModel>();
        foreach (var entry in KnownReports())
        {
            await readModel.UpsertAsync(entry);
        }

        var statistics = services.GetRequiredService<IReportStatistics>();

        Assert.Equal([new LabelCount("KESEHATAN", 4), new LabelCount("PEKERJAAN-UMUM", 1)], await statistics.PublishedByCategoryAsync());
        Assert.Equal([new LabelCount(Kemenkes, 4), new LabelCount(Surabaya, 1)], await statistics.PublishedByAgencyAsync());

        var records = await statistics.FollowUpRecordsAsync(Now);
        Assert.Equal([new FollowUpRecord(Kemenkes, OnTime: 1, Late: 1, Missed: 1, Waiting: 1), new FollowUpRecord(Surabaya, 1, 0, 0, 1)], records);
        Assert.Equal(1.0 / 3, records[0].OnTimeRate);
        Assert.Equal(1.0, records[1].OnTimeRate);

        Assert.Equal(
            [
                new DeadlineLoad(DeadlineKind.Verification, null, PastDue: 1, WithinDay: 1, Later: 0),
                new DeadlineLoad(DeadlineKind.FollowUp, Kemenkes, PastDue: 1, WithinDay: 0, Later: 1),
                new DeadlineLoad(DeadlineKind.FollowUp, Surabaya, PastDue: 0, WithinDay: 1, Later: 0),
            ],
            await statistics.DeadlineLoadAsync(Now));

        var due = await statistics.DueSoonAsync(Now, limit: 10);
        Assert.Equal([_f1, _v2, _v1, _f3], due.Select(d => d.TrackingId));
        Assert.Equal([DueWindow.PastDue, DueWindow.PastDue, DueWindow.WithinDay, DueWindow.WithinDay], due.Select(d => d.Window));
        Assert.Equal(Now.AddHours(-1), due[1].DueAt);
        Assert.Equal([_f1], (await statistics.DueSoonAsync(Now, limit: 1)).Select(d => d.TrackingId));
    }

    private IEnumerable<ReportIndexEntry> KnownReports()
    {
        // Waiting for an admin: one due in two hours, one past its instant before the reminder has flagged it.
        yield return Entry(_v1, ReportStatus.Submitted, null, null, DeadlineKind.Verification, Now.AddHours(2));
        yield return Entry(_v2, ReportStatus.Submitted, null, null, DeadlineKind.Verification, Now.AddHours(-1));
        // Asked the citizen: the verification clock is paused, so it is nobody's deadline.
        yield return Entry(NewId(), ReportStatus.NeedsClarification, null, null, DeadlineKind.Verification, Now.AddDays(-5));
        // With the agencies: missed, due later, and a secret one (counted for its agency, never published) due tonight.
        yield return Entry(_f1, ReportStatus.Forwarded, Kemenkes, "KESEHATAN", DeadlineKind.FollowUp, Now.AddDays(-3), overdue: true);
        yield return Entry(NewId(), ReportStatus.Forwarded, Kemenkes, "KESEHATAN", DeadlineKind.FollowUp, Now.AddDays(3));
        yield return Entry(_f3, ReportStatus.Forwarded, Surabaya, "KESEHATAN", DeadlineKind.FollowUp, Now.AddHours(10), secret: true);
        // Followed up (closing clock) and closed count as followed up: in time, or late when the follow-up deadline was missed first.
        yield return Entry(NewId(), ReportStatus.FollowedUp, Kemenkes, "KESEHATAN", DeadlineKind.Closing, Now.AddDays(10));
        yield return Entry(NewId(), ReportStatus.Closed, Kemenkes, "KESEHATAN", null, null, followUpMissed: true);
        yield return Entry(NewId(), ReportStatus.Closed, Surabaya, "PEKERJAAN-UMUM", null, null);
        yield return Entry(NewId(), ReportStatus.Rejected, null, null, null, null);
    }

    private static ReportIndexEntry Entry(
        string id, ReportStatus status, string? agency, string? category, DeadlineKind? dueKind, DateTimeOffset? dueAt,
        bool overdue = false, bool secret = false, bool followUpMissed = false) => new(
        id, 1, status, agency, category, "35.78", null, null, "web", secret, IsAnonymous: false,
        IsPublished: status.IsPastForwarding() && !secret, $"laporan {id}", Now.AddDays(-7), Now.AddDays(-1), dueKind, dueAt, overdue,
        FollowUpMissed: followUpMissed);

    private static string NewId() => TrackingId.NewId().Value;
}

public sealed class SqliteReportStatisticsTests : ReportStatisticsSqlTests, IDisposable
{
    private readonly SqliteSchemaDatabase _database = new();

    protected override Task<HubStorageOptions> StorageAsync() => _database.CreateAsync();

    public void Dispose() => _database.Dispose();
}

public sealed class PostgresReportStatisticsTests : ReportStatisticsSqlTests, IAsyncLifetime
{
    private readonly PostgresSchemaDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    protected override Task<HubStorageOptions> StorageAsync() => _database.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
