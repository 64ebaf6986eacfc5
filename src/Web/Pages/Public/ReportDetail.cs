using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;
using Lapor.Hub.Web.Reports;

namespace Lapor.Hub.Web.Pages.Public;

/// <summary>What the report partial needs: the report as this viewer may see it, and names for its codes.</summary>
public sealed record ReportDetail(VisibleReport Visible, ReportLabels Labels, int HeadingLevel = 1);
