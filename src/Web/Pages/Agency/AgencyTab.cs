using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;

namespace Lapor.Hub.Web.Pages.Agency;

/// <summary>One tab of the agency queue: its address in the URL, its label, and the query behind it.</summary>
public sealed record AgencyTab(string Slug, string LabelKey, ReportListQuery Query)
{
    /// <summary>Open reports come oldest deadline first: what is due soonest is what the officer handles next.</summary>
    public static IReadOnlyList<AgencyTab> All { get; } =
    [
        new("baru", "TabNew", new ReportListQuery(Status: ReportStatus.Forwarded, Overdue: false, Order: ReportOrder.DueSoonestFirst)),
        new("terlambat", "TabOverdue", new ReportListQuery(Overdue: true, Order: ReportOrder.DueSoonestFirst)),
        new("ditindaklanjuti", "TabFollowedUp", new ReportListQuery(Status: ReportStatus.FollowedUp, Order: ReportOrder.DueSoonestFirst)),
        new("selesai", "TabClosed", new ReportListQuery(Status: ReportStatus.Closed, Order: ReportOrder.NewestFirst)),
    ];

    public static AgencyTab Find(string? slug) =>
        All.FirstOrDefault(t => string.Equals(t.Slug, slug, StringComparison.OrdinalIgnoreCase)) ?? All[0];
}
