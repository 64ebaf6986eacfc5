using System.Net;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Api;

/// <summary>Bad admin and agency commands are refused with 400 before they reach the report, which stays as it was.</summary>
public sealed class CommandValidationApiTests(InProcessHub hub) : IClassFixture<InProcessHub>
{
    public static TheoryData<string, string, string> BadCommands() => new()
    {
        { "forward", """{"agencyCode":"KEMENKES"}""", "categoryCode" },
        { "forward", """{"categoryCode":"KESEHATAN"}""", "agencyCode" },
        { "forward", $$"""{"categoryCode":"KESEHATAN","agencyCode":"KEMENKES","note":"{{new string('n', 4001)}}"}""", "note" },
        { "rejection", """{"explanation":"tidak jelas"}""", "reason" },
        { "clarification-requests", """{"question":"  "}""", "question" },
        { "follow-ups", """{"agencyCode":"KEMENKES","text":""}""", "text" },
        { "replies", $$"""{"text":"{{new string('r', 4001)}}"}""", "text" },
    };

    [Theory]
    [MemberData(nameof(BadCommands))]
    public async Task A_bad_command_gets_400_naming_the_field_and_changes_nothing(string action, string json, string field)
    {
        var filed = await (await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report())).ReadJsonAsync();
        var id = filed.GetProperty("trackingId").GetString();
        var before = await (await hub.Operator.GetAsync($"/api/reports/{id}")).Content.ReadAsStringAsync();

        var response = await hub.Operator.PostAsync($"/api/reports/{id}/{action}",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, await (await hub.Operator.GetAsync($"/api/reports/{id}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_rejection_reason_is_refused()
    {
        var filed = await (await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report())).ReadJsonAsync();
        var response = await hub.Operator.PostJsonAsync($"/api/reports/{filed.GetProperty("trackingId").GetString()}/rejection",
            new { reason = "Boring" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Health_and_readiness_answer_anyone_metrics_only_the_operator_key()
    {
        Assert.Equal("alive", await hub.Public.GetStringAsync("/healthz"));
        Assert.Equal("ready", await hub.Public.GetStringAsync("/readyz"));

        await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report());
        using var anonymous = await hub.Public.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain("lapor_", await anonymous.Content.ReadAsStringAsync());
        var metrics = await hub.Operator.GetStringAsync("/metrics");
        Assert.Contains("lapor_reports_filed_total{", metrics);
        Assert.Contains("channel=\"api\"", metrics);
    }
}
