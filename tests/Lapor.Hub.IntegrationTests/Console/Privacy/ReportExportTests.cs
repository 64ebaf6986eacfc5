using System.Net;
using Lapor.Hub.Web.Reports;

namespace Lapor.Hub.Tests.Console.Privacy;

/// <summary>The CSV export obeys the same scope as every list, and never carries a reporter's identity.</summary>
public sealed class ReportExportTests(PrivacyMatrixHub hub) : IClassFixture<PrivacyMatrixHub>
{
    [Theory]
    [InlineData(Role.Public, new[] { ReportKind.Normal, ReportKind.Anonymous })]
    [InlineData(Role.Admin, new[] { ReportKind.Normal, ReportKind.Anonymous, ReportKind.Secret })]
    [InlineData(Role.OfficerOfAgency, new[] { ReportKind.Normal, ReportKind.Anonymous, ReportKind.Secret })]
    [InlineData(Role.OfficerOfOtherAgency, new ReportKind[0])]
    public async Task Each_viewer_exports_what_their_list_shows_and_no_identity(Role role, ReportKind[] expected)
    {
        var (status, csv) = await hub.GetAsync(role, "/api/reports/export.csv", ReportKind.Normal);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("tracking_id,status,category_code", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        foreach (var kind in Enum.GetValues<ReportKind>())
        {
            var report = hub.Report(kind);
            Assert.Equal(expected.Contains(kind), csv.Contains(report.TrackingId, StringComparison.Ordinal));
            Assert.DoesNotContain(report.ReporterName, csv);
            Assert.DoesNotContain(report.ReporterAddress, csv);
        }
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("jalan, rusak", "\"jalan, rusak\"")]
    [InlineData("-5 derajat", "\"'-5 derajat\"")]
    [InlineData("biasa", "\"biasa\"")]
    [InlineData("jalan; =HYPERLINK(\"http://x\")", "\"jalan; '=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("a;@SUM(1)", "\"a;'@SUM(1)\"")]
    [InlineData("a,+1", "\"a,'+1\"")]
    [InlineData("baris\n=1+1", "\"baris\n'=1+1\"")]
    [InlineData("  =1+1", "\"  '=1+1\"")]
    [InlineData("jalan rusak - parah", "\"jalan rusak - parah\"")]
    public void Cells_are_quoted_and_never_run_as_spreadsheet_formulas(string value, string cell) =>
        Assert.Equal(cell, ReportExport.Cell(value));
}
