using System.Net;
using Lapor.Hub.Routing;
using Lapor.Hub.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Api;

/// <summary>Suggestions stored on reports at filing, admin confirmations kept as examples, retraining on demand — over HTTP.</summary>
public sealed class RoutingApiTests(InProcessHub hub) : IClassFixture<InProcessHub>
{
    [Fact]
    public async Task A_report_carries_the_suggestion_made_at_filing_and_its_confirmation_becomes_an_example()
    {
        var filed = await (await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report(
            "Jalan di depan SD kami berlubang besar dan tergenang air, sudah banyak pengendara motor jatuh."))).ReadJsonAsync();
        var id = filed.GetProperty("trackingId").GetString()!;

        var report = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        var suggestion = report.GetProperty("suggestion");
        Assert.Equal(3, suggestion.GetProperty("categories").GetArrayLength());
        Assert.Equal(3, suggestion.GetProperty("agencies").GetArrayLength());
        Assert.Equal("PEKERJAAN-UMUM", suggestion.GetProperty("categories")[0].GetProperty("label").GetString());
        var modelVersion = suggestion.GetProperty("modelVersion").GetString();
        Assert.Equal(JsonValueKindNull, (await (await hub.Public.GetAsync($"/api/reports/{id}")).ReadJsonAsync()).GetProperty("suggestion").ValueKind);

        await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "pekerjaan-umum", agencyCode = "PEMKOT-3578" });

        var examples = await hub.Services.GetRequiredService<IRoutingFeedbackStore>().ReadAllAsync();
        var example = Assert.Single(examples, e => e.TrackingId == Lapor.Hub.Tracking.TrackingId.Parse(id).Value);
        Assert.Equal("PEKERJAAN-UMUM", example.CategoryCode);
        Assert.Equal("PEMKOT-3578", example.AgencyCode);
        Assert.Equal("PEKERJAAN-UMUM", example.SuggestedCategory);
        Assert.Equal(modelVersion, example.ModelVersion);
    }

    [Fact]
    public async Task A_secret_report_never_becomes_a_training_example()
    {
        var filed = await (await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report(secret: true))).ReadJsonAsync();
        var id = filed.GetProperty("trackingId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward",
            new { categoryCode = "LINGKUNGAN-KEHUTANAN", agencyCode = "PEMKOT-3578" })).StatusCode);

        var examples = await hub.Services.GetRequiredService<IRoutingFeedbackStore>().ReadAllAsync();
        Assert.DoesNotContain(examples, e => e.TrackingId == Lapor.Hub.Tracking.TrackingId.Parse(id).Value);
    }

    [Fact]
    public async Task Operators_retrain_on_demand_and_see_every_version()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Public.PostJsonAsync("/api/routing/retrain", new { })).StatusCode);

        var decision = await (await hub.Operator.PostJsonAsync("/api/routing/retrain", new { })).ReadJsonAsync();
        Assert.True(decision.TryGetProperty("promoted", out _));

        var models = await (await hub.Operator.GetAsync("/api/routing/models")).ReadJsonAsync();
        Assert.True(models.GetProperty("versions").GetArrayLength() >= 2);
        Assert.False(string.IsNullOrEmpty(models.GetProperty("current").GetString()));
    }

    [Fact]
    public async Task Forwarding_to_an_unknown_category_is_refused()
    {
        var filed = await (await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report())).ReadJsonAsync();
        var response = await hub.Operator.PostJsonAsync($"/api/reports/{filed.GetProperty("trackingId").GetString()}/forward",
            new { categoryCode = "SAMPAH", agencyCode = "PEMKOT-3578" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unknown-category", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
