namespace Lapor.Hub.Reports.ReadModel;

/// <summary>Writes the report query table. Upserts are idempotent by version: an older version never overwrites a newer one.</summary>
public interface IReportReadModel
{
    Task UpsertAsync(ReportIndexEntry entry, CancellationToken cancellationToken = default);
}
