using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Filing;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Storage;
using Lapor.Hub.Storage.Reports;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lapor.Hub.Tests.Reports;

/// <summary>The report query table: idempotent by version, and repaired by the report grain when a write was lost.</summary>
public abstract class ReportReadModelTests<TCluster>(TCluster fixture) where TCluster : IReportCluster
{
    [SkippableFact]
    public async Task An_older_version_never_overwrites_a_newer_one()
    {
        fixture.SkipIfUnavailable();
        var readModel = ReadModel();
        var id = Lapor.Hub.Tracking.TrackingId.NewId().Value;
        var newer = Entry(id, version: 3, ReportStatus.Forwarded);

        await readModel.UpsertAsync(newer);
        await readModel.UpsertAsync(Entry(id, version: 2, ReportStatus.Submitted));
        await readModel.UpsertAsync(newer);

        var row = Assert.Single(await ListAsync(readModel, id));
        Assert.Equal(3, row.Version);
        Assert.Equal(ReportStatus.Forwarded, row.Status);
        Assert.Equal(newer.DueAt, row.DueAt);
        Assert.Equal(newer.FiledAt, row.FiledAt);
    }

    [SkippableFact]
    public async Task The_time_a_report_reached_its_agency_is_kept()
    {
        fixture.SkipIfUnavailable();
        var readModel = ReadModel();
        var id = Lapor.Hub.Tracking.TrackingId.NewId().Value;
        var forwardedAt = new DateTimeOffset(2026, 3, 11, 3, 15, 0, TimeSpan.Zero);

        await readModel.UpsertAsync(Entry(id, version: 2, ReportStatus.Forwarded) with { ForwardedAt = forwardedAt });

        Assert.Equal(forwardedAt, Assert.Single(await ListAsync(readModel, id)).ForwardedAt);
    }

    [SkippableFact]
    public async Task A_lost_query_table_write_is_repaired_when_the_report_is_next_activated()
    {
        fixture.SkipIfUnavailable();
        var filed = await fixture.Cluster.GrainFactory.GetGrain<IReportFilingGrain>("telegram:tg:42:" + Guid.NewGuid()).File(ReportFixtures.Submission());
        var id = filed.Report.TrackingId;
        Assert.Single(await ListAsync(ReadModel(), id));

        await DeleteRowAsync(id); // as if the process died between writing the grain state and the query table
        Assert.Empty(await ListAsync(ReadModel(), id));
        await fixture.RestartClusterAsync();
        await fixture.Cluster.GrainFactory.GetGrain<IReportGrain>(id).Get();

        var repaired = Assert.Single(await ListAsync(ReadModel(), id));
        Assert.Equal(filed.Report.Version, repaired.Version);
        Assert.Equal(ReportStatus.Submitted, repaired.Status);
    }

    [SkippableFact]
    public async Task Filing_with_media_claims_them_for_the_report_and_the_first_claim_wins()
    {
        fixture.SkipIfUnavailable();
        var photo = Guid.NewGuid().ToString("N");
        var unclaimed = Guid.NewGuid().ToString("N");
        var grains = fixture.Cluster.GrainFactory;

        var first = await grains.GetGrain<IReportFilingGrain>("telegram:tg:42:" + Guid.NewGuid()).File(ReportFixtures.Submission() with { MediaIds = [photo] });
        var second = await grains.GetGrain<IReportFilingGrain>("telegram:tg:42:" + Guid.NewGuid()).File(ReportFixtures.Submission() with { MediaIds = [photo] });

        var owners = new SqlReportMediaOwners(Database());
        Assert.Equal(first.Report.TrackingId, await owners.FindOwnerAsync(photo));
        Assert.NotEqual(first.Report.TrackingId, second.Report.TrackingId);
        Assert.Null(await owners.FindOwnerAsync(unclaimed));
        Assert.Equal(new HashSet<string> { photo }, await owners.OwnedAmongAsync([photo, unclaimed]));
    }

    private SqlReportReadModel ReadModel() => new(Database());

    private HubDatabase Database() => new(fixture.Storage, NullLogger<HubDatabase>.Instance);

    private async Task DeleteRowAsync(string trackingId)
    {
        await using var connection = await Database().OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM report_index WHERE tracking_id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = trackingId;
        command.Parameters.Add(parameter);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task<IReadOnlyList<ReportIndexEntry>> ListAsync(SqlReportReadModel readModel, string trackingId)
    {
        var page = await readModel.ListAsync(new ReportListQuery(PublishedOnly: false, PageSize: ReportListQuery.MaxPageSize));
        var all = new List<ReportIndexEntry>(page.Items);
        for (var p = 2; (p - 1) * page.PageSize < page.Total; p++)
        {
            all.AddRange((await readModel.ListAsync(new ReportListQuery(PublishedOnly: false, Page: p, PageSize: ReportListQuery.MaxPageSize))).Items);
        }

        return all.Where(e => e.TrackingId == trackingId).ToArray();
    }

    private static ReportIndexEntry Entry(string id, int version, ReportStatus status) => new(
        id, version, status, "KEMENKES", "KESEHATAN", "35.78", -7.25, 112.75, "web", IsSecret: false, IsAnonymous: true,
        IsPublished: status == ReportStatus.Forwarded, $"laporan v{version}", new DateTimeOffset(2026, 3, 9, 2, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 3, 9, 2, 0, version, TimeSpan.Zero), DeadlineKind.FollowUp,
        new DateTimeOffset(2026, 3, 17, 17, 0, 0, TimeSpan.Zero).AddDays(version), IsOverdue: false);
}

public sealed class SqliteReportReadModelTests(SqliteReportCluster fixture)
    : ReportReadModelTests<SqliteReportCluster>(fixture), IClassFixture<SqliteReportCluster>;

public sealed class PostgresReportReadModelTests(PostgresReportCluster fixture)
    : ReportReadModelTests<PostgresReportCluster>(fixture), IClassFixture<PostgresReportCluster>;
