using Lapor.Hub.Agencies;
using Lapor.Hub.Categories;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lapor.Hub.Web.Pages.Agency;

/// <summary>The agency's queue: its forwarded reports in tabs, each list and count narrowed by <see cref="ReportListScope"/>.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(ReportReader reader, IReportQueries queries, AgencyDirectory agencies, CategoryCatalog categories, ReportLabels labels) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "tab")]
    public string? TabSlug { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "kategori")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "halaman")]
    public int PageNumber { get; set; } = 1;

    public AgencyTab Tab { get; private set; } = AgencyTab.All[0];

    public OfficerAgency Agency { get; private set; } = null!;

    public IReadOnlyDictionary<AgencyTab, int> Counts { get; private set; } = new Dictionary<AgencyTab, int>();

    public ReportPage Reports { get; private set; } = new([], 0, 1, PageSize);

    public IReadOnlyList<Category> Categories { get; } = categories.All.OrderBy(c => c.Name, StringComparer.CurrentCulture).ToArray();

    public int PageCount => Math.Max(1, (Reports.Total + PageSize - 1) / PageSize);

    public string CategoryName(string? code) => code is null ? "—" : labels.Category(code);

    public async Task<IActionResult> OnGetAsync()
    {
        var viewer = reader.ViewerOf(HttpContext);
        if (!viewer.IsOfficer)
        {
            return Forbid();
        }

        Agency = OfficerAgency.Of(viewer.AgencyCode!, agencies);
        Tab = AgencyTab.Find(TabSlug);
        Search = Search?.Trim() is { Length: > 0 } q ? q[..Math.Min(q.Length, ReportListQuery.MaxSearchLength)] : null;
        Category = Category is { } code && categories.Contains(code) ? code : null;
        PageNumber = Math.Max(1, PageNumber);

        var counts = new Dictionary<AgencyTab, int>();
        foreach (var tab in AgencyTab.All)
        {
            var page = await queries.ListAsync(Scoped(viewer, tab, page: 1, pageSize: 1), HttpContext.RequestAborted);
            counts[tab] = page.Total;
        }

        Counts = counts;
        Reports = await queries.ListAsync(Scoped(viewer, Tab, PageNumber, PageSize), HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>The address of this list with one thing changed, keeping the other filters.</summary>
    public string Link(AgencyTab? tab = null, int page = 1)
    {
        var query = new List<string> { $"tab={(tab ?? Tab).Slug}" };
        if (Search is not null)
        {
            query.Add($"q={Uri.EscapeDataString(Search)}");
        }

        if (Category is not null)
        {
            query.Add($"kategori={Uri.EscapeDataString(Category)}");
        }

        if (page > 1)
        {
            query.Add($"halaman={page}");
        }

        return "/instansi?" + string.Join("&", query);
    }

    private ReportListQuery Scoped(Viewer viewer, AgencyTab tab, int page, int pageSize) =>
        ReportListScope.For(viewer, tab.Query with { Search = Search, CategoryCode = Category, Page = page, PageSize = pageSize });
}
