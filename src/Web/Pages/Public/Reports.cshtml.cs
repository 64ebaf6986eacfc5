using Lapor.Hub.Agencies;
using Lapor.Hub.Categories;
using Lapor.Hub.Regions;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Web.Maps;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;
using Lapor.Hub.Web.RateLimits;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lapor.Hub.Web.Pages.Public;

/// <summary>Published reports, newest first, filtered by GET parameters so every view is a bookmarkable address.</summary>
[EnableRateLimiting(PublicRateLimits.Reading)]
public sealed class ReportsModel(
    IReportQueries queries, ReportLabels labels,
    MapTiles tiles) : PageModel
{
    public const int PageSize = 20;

    /// <summary>What the public can filter by: the statuses a published report can have.</summary>
    public static IReadOnlyList<ReportStatus> PublicStatuses { get; } = Enum.GetValues<ReportStatus>().Where(s => s.IsPastForwarding()).ToArray();

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "kategori")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "instansi")] public string? Agency { get; set; }
    [BindProperty(SupportsGet = true, Name = "wilayah")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public ReportStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "halaman")] public int PageNumber { get; set; } = 1;

    public ReportLabels Labels => labels;

    public ReportPage Result { get; private set; } = new([], 0, 1, PageSize);

    public bool SearchTooLong { get; private set; }

    public int PageCount => Math.Max(1, (Result.Total + PageSize - 1) / PageSize);

    public string TileUrl => tiles.Url;

    public string TileAttribution => tiles.Attribution;

    public async Task OnGetAsync()
    {
        Search = Search?.Trim();
        if (Search is { Length: > ReportListQuery.MaxSearchLength })
        {
            SearchTooLong = true;
            Search = Search[..ReportListQuery.MaxSearchLength];
        }

        var wanted = new ReportListQuery(Status is { } s && PublicStatuses.Contains(s) ? s : null, Blank(Agency), Blank(Category), Blank(Region),
            Page: Math.Max(PageNumber, 1), PageSize: PageSize, Search: Blank(Search));
        // The public list is the public's view for everyone: staff work from their own consoles.
        Result = await queries.ListAsync(ReportListScope.For(Viewer.Public, wanted), HttpContext.RequestAborted);
    }

    /// <summary>This list's address with the same filters, on another page.</summary>
    public string PageLink(int page) => QueryLink("/laporan", ("halaman", page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The map feed with the same filters (the map shows published reports only, whoever asks).</summary>
    public string MapPointsLink => QueryLink("/api/map", ("category", Blank(Category)), ("agency", Blank(Agency)), ("region", Blank(Region)));

    /// <summary>This list (all pages, same filters) as a CSV file.</summary>
    public string ExportLink => QueryLink("/api/reports/export.csv", ("q", Blank(Search)), ("category", Blank(Category)),
        ("agency", Blank(Agency)), ("region", Blank(Region)), ("status", Status?.ToString()));

    private string QueryLink(string path, params (string Name, string? Value)[] extra)
    {
        (string Name, string? Value)[] filters = path == "/laporan"
            ? [("q", Blank(Search)), ("kategori", Blank(Category)), ("instansi", Blank(Agency)), ("wilayah", Blank(Region)), ("status", Status?.ToString())]
            : [];
        var parts = filters.Concat(extra).Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToArray();
        return parts.Length == 0 ? path : $"{path}?{string.Join("&", parts)}";
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
