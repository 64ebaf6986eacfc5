using System.Net;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Console.Admin;

/// <summary>The admin page offers only the decisions the report's lifecycle allows now (ReportAccess.ActionsNow).</summary>
public sealed class AdminReportActionsTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [Fact]
    public async Task A_report_awaiting_clarification_offers_no_forward_form_and_a_submitted_one_does()
    {
        var submitted = await FileAsync("Lampu lalu lintas di perempatan Jalan Darmo mati sejak kemarin malam.");
        var awaiting = await FileAsync("Selokan di belakang pasar meluap setiap hujan dan baunya menyengat.");
        using var asked = await hub.Operator.PostJsonAsync($"/api/reports/{awaiting}/clarification-requests", new { question = "Pasar yang mana?" });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);

        var (_, submittedPage) = await admin.GetPageAsync($"/admin/laporan/{submitted}");
        Assert.Contains("id=\"forward-form\"", submittedPage);
        Assert.Contains("id=\"reject-form\"", submittedPage);

        var (_, awaitingPage) = await admin.GetPageAsync($"/admin/laporan/{awaiting}");
        Assert.DoesNotContain("id=\"forward-form\"", awaitingPage);
        Assert.DoesNotContain("id=\"confirm-form\"", awaitingPage);
        Assert.Contains("id=\"reject-form\"", awaitingPage); // rejecting stays legal while the question is open
    }

    private async Task<string> FileAsync(string text)
    {
        using var response = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report(text));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("trackingId").GetString()!;
    }
}
