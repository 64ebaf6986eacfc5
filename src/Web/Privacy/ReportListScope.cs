using Lapor.Hub.Reports.Access;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;

namespace Lapor.Hub.Web.Privacy;

/// <summary>Narrows any list, search or count to what the viewer may see (the list-shaped twin of <see cref="ReportAccess"/>).</summary>
public static class ReportListScope
{
    private static readonly IReadOnlyList<ReportStatus> ForwardedStatuses =
        Enum.GetValues<ReportStatus>().Where(s => s.IsPastForwarding()).ToArray();

    public static ReportListQuery For(Viewer viewer, ReportListQuery wanted) => viewer.Kind switch
    {
        ViewerKind.Admin or ViewerKind.Supervisor => wanted with { PublishedOnly = false },
        ViewerKind.AgencyOfficer => wanted with { PublishedOnly = false, AgencyCode = viewer.AgencyCode, StatusIn = ForwardedStatuses },
        _ => wanted with { PublishedOnly = true },
    };
}
