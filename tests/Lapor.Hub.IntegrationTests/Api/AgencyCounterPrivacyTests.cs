using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Api;

/// <summary>An agency's public counters never count a secret report: a count that moves would reveal that one exists.</summary>
public sealed class AgencyCounterPrivacyTests(InProcessHub hub) : IClassFixture<InProcessHub>
{
    private const string Agency = "KEMENKES";

    [Fact]
    public async Task A_secret_report_forwarded_to_an_agency_is_not_in_its_public_counters_an_ordinary_one_is()
    {
        var before = await OpenReportsAsync();

        await FileAndForwardAsync(secret: true);
        Assert.Equal(before, await OpenReportsAsync());
        Assert.Equal(before, await OpenReportsInListAsync());

        await FileAndForwardAsync(secret: false);
        Assert.Equal(before + 1, await OpenReportsAsync());
        Assert.Equal(before + 1, await OpenReportsInListAsync());
    }

    private async Task FileAndForwardAsync(bool secret)
    {
        var filed = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report(secret: secret));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var trackingId = (await filed.ReadJsonAsync()).GetProperty("trackingId").GetString();
        var forwarded = await hub.Operator.PostJsonAsync($"/api/reports/{trackingId}/forward",
            new { categoryCode = "KESEHATAN", agencyCode = Agency });
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
    }

    private async Task<int> OpenReportsAsync()
    {
        var agency = await hub.Public.GetFromJsonAsync<JsonElement>($"/api/agencies/{Agency}");
        return agency.GetProperty("openReports").GetInt32();
    }

    private async Task<int> OpenReportsInListAsync()
    {
        var agencies = await hub.Public.GetFromJsonAsync<JsonElement>("/api/agencies");
        return agencies.EnumerateArray().Single(a => a.GetProperty("profile").GetProperty("code").GetString() == Agency)
            .GetProperty("openReports").GetInt32();
    }
}
