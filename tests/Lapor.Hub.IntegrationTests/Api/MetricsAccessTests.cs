using System.Net;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Api;

public sealed class PublicMetricsHub : InProcessHub
{
    protected override Task<IReadOnlyList<string>> ExtraArgumentsAsync() => Task.FromResult<IReadOnlyList<string>>(["--Metrics:Access=Public"]);
}

public sealed class NoMetricsHub : InProcessHub
{
    protected override Task<IReadOnlyList<string>> ExtraArgumentsAsync() => Task.FromResult<IReadOnlyList<string>>(["--Metrics:Access=Off"]);
}

/// <summary>Metrics:Access opens /metrics to anyone (a port only the monitoring network reaches) or turns it off.</summary>
public sealed class PublicMetricsTests(PublicMetricsHub hub) : IClassFixture<PublicMetricsHub>
{
    [Fact]
    public async Task Public_metrics_answer_without_a_key()
    {
        await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report());
        Assert.Contains("lapor_reports_filed_total{", await hub.Public.GetStringAsync("/metrics"));
    }
}

public sealed class NoMetricsTests(NoMetricsHub hub) : IClassFixture<NoMetricsHub>
{
    [Fact]
    public async Task Metrics_turned_off_are_not_served_even_with_the_operator_key()
    {
        using var response = await hub.Operator.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
