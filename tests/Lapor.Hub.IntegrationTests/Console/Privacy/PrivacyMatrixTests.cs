using System.Net;

namespace Lapor.Hub.Tests.Console.Privacy;

/// <summary>
/// Every cell of {normal, anonymous, secret} × {public, reporter, admin, supervisor, officer of the agency, officer of
/// another agency} × {page, API, list, search, map data}: what must be seen is seen, and nothing else leaks.
/// The expectations are written out here from the rules, independently of the code that enforces them.
/// </summary>
public sealed class PrivacyMatrixTests(PrivacyMatrixHub hub) : IClassFixture<PrivacyMatrixHub>
{
    public static TheoryData<ReportKind, Role, Surface> Cells()
    {
        var cells = new TheoryData<ReportKind, Role, Surface>();
        foreach (var kind in Enum.GetValues<ReportKind>())
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                foreach (var surface in Enum.GetValues<Surface>())
                {
                    cells.Add(kind, role, surface);
                }
            }
        }

        return cells;
    }

    private static bool SeesReport(ReportKind kind, Role role) => role switch
    {
        Role.OfficerOfOtherAgency => false,
        Role.Public => kind != ReportKind.Secret,
        _ => true,
    };

    /// <summary>The tracking page never repeats the reporter's own identity (it may be open on a shared phone); the API does.</summary>
    private static bool SeesName(ReportKind kind, Role role, Surface surface) => role switch
    {
        Role.Reporter => surface == Surface.Api,
        Role.Admin or Role.Supervisor => true,
        Role.OfficerOfAgency => kind != ReportKind.Anonymous,
        _ => false,
    };

    private static bool SeesAddress(Role role, Surface surface) =>
        role is Role.Admin or Role.Supervisor || (role == Role.Reporter && surface == Surface.Api);

    /// <summary>Lists and search: the public list for the public and reporters; the agency's own list for its officers.</summary>
    private static bool Listed(ReportKind kind, Role role) => role switch
    {
        Role.Admin or Role.Supervisor or Role.OfficerOfAgency => true,
        Role.OfficerOfOtherAgency => false,
        _ => kind != ReportKind.Secret,
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_cell_shows_what_the_rules_allow_and_nothing_more(ReportKind kind, Role role, Surface surface)
    {
        var report = hub.Report(kind);
        var (status, body) = surface switch
        {
            Surface.Page => await OpenPageAsync(role, kind),
            Surface.Api => await hub.GetAsync(role, $"/api/reports/{report.TrackingId}", kind),
            Surface.List => await ListAsync(role, kind, search: null),
            Surface.Search => await ListAsync(role, kind, search: report.Marker),
            _ => await hub.GetAsync(role, "/api/map", kind),
        };

        var expectedVisible = surface switch
        {
            Surface.Page or Surface.Api => SeesReport(kind, role),
            Surface.List or Surface.Search => Listed(kind, role),
            _ => kind != ReportKind.Secret,
        };
        var shown = surface is Surface.Page or Surface.Api ? report.Marker : report.TrackingId;
        Assert.True(expectedVisible == body.Contains(shown, StringComparison.Ordinal),
            $"{kind} report, {role}, {surface}: expected {(expectedVisible ? "visible" : "hidden")} (HTTP {(int)status}).");
        if (surface is Surface.Page or Surface.Api)
        {
            Assert.Equal(expectedVisible ? HttpStatusCode.OK : HttpStatusCode.NotFound, status);
        }

        var detail = surface is Surface.Page or Surface.Api;
        var nameShown = detail && SeesName(kind, role, surface);
        var addressShown = detail && SeesAddress(role, surface);
        Assert.True(nameShown == body.Contains(report.ReporterName, StringComparison.Ordinal),
            $"{kind} report, {role}, {surface}: reporter name must be {(nameShown ? "shown" : "absent")}.");
        Assert.True(addressShown == body.Contains(report.ReporterAddress, StringComparison.Ordinal),
            $"{kind} report, {role}, {surface}: reporter address must be {(addressShown ? "shown" : "absent")}.");
        foreach (var other in Enum.GetValues<ReportKind>().Where(k => k != kind))
        {
            Assert.DoesNotContain(hub.Report(other).ReporterAddress, body);
        }
    }

    private async Task<(HttpStatusCode, string)> OpenPageAsync(Role role, ReportKind kind)
    {
        var report = hub.Report(kind);
        return role switch
        {
            Role.Public => await hub.GetAsync(role, $"/laporan/{report.TrackingId}", kind),
            Role.Reporter => await TrackAsReporterAsync(report),
            Role.Admin or Role.Supervisor => await hub.GetAsync(role, $"/admin/laporan/{report.TrackingId}", kind),
            _ => await hub.GetAsync(role, $"/instansi/laporan/{report.TrackingId}", kind),
        };
    }

    private async Task<(HttpStatusCode, string)> TrackAsReporterAsync(PrivacyMatrixHub.FiledReport report)
    {
        using var response = await hub.Client(Role.Reporter).PostFormAsync("/lacak", "/lacak", new Dictionary<string, string>
        {
            ["id"] = report.TrackingId,
            ["reporterKey"] = report.ReporterKey,
        });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The JSON list and the HTML list the role works from, concatenated: both must obey the rule.</summary>
    private async Task<(HttpStatusCode, string)> ListAsync(Role role, ReportKind kind, string? search)
    {
        var query = search is null ? "" : $"q={search}&";
        var (apiStatus, api) = await hub.GetAsync(role, $"/api/reports?{query}pageSize=100", kind);
        Assert.Equal(HttpStatusCode.OK, apiStatus);
        var page = role switch
        {
            Role.OfficerOfAgency or Role.OfficerOfOtherAgency => $"/instansi?{query}",
            Role.Admin or Role.Supervisor => null,
            _ => $"/laporan?{query}",
        };
        if (page is null)
        {
            return (apiStatus, api);
        }

        var (pageStatus, html) = await hub.GetAsync(role, page, kind);
        Assert.Equal(HttpStatusCode.OK, pageStatus);
        return (apiStatus, api + html);
    }
}
