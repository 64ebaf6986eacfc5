namespace Lapor.Hub.Reports.ReadModel;

public enum ReportOrder { NewestFirst, DueSoonestFirst }

public sealed record ReportListQuery(
    ReportStatus? Status = null,
    string? AgencyCode = null,
    string? CategoryCode = null,
    string? RegionCode = null,
    bool? Overdue = null,
    bool PublishedOnly = true,
    int Page = 1,
    int PageSize = 20,
    ReportOrder Order = ReportOrder.NewestFirst,
    string? Search = null,
    bool LocatedOnly = false,
    IReadOnlyList<ReportStatus>? StatusIn = null)
{
    public const int MaxPageSize = 100;
    public const int MaxSearchLength = 100;
}

public sealed record ReportPage(IReadOnlyList<ReportIndexEntry> Items, int Total, int Page, int PageSize);

/// <summary>Reads that span many reports come from the query table, never from fanning out over grains.</summary>
public interface IReportQueries
{
    Task<ReportPage> ListAsync(ReportListQuery query, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<ReportStatus, int>> CountByStatusAsync(string? agencyCode, CancellationToken cancellationToken = default);
}
