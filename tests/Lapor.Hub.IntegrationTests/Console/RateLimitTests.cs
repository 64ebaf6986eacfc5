using System.Net;
using Lapor.Hub.Tests.Api;

namespace Lapor.Hub.Tests.Console;

public sealed class RateLimitedHub : ConsoleHub
{
    public const int ReadsPerMinute = 5;

    protected override Task<IReadOnlyList<string>> ExtraArgumentsAsync() =>
        Task.FromResult<IReadOnlyList<string>>([$"--RateLimits:ReadsPerMinute={ReadsPerMinute}", "--RateLimits:FilingsPerMinute=2"]);
}

public sealed class RateLimitTests(RateLimitedHub hub) : IClassFixture<RateLimitedHub>
{
    [Fact]
    public async Task Public_reads_beyond_the_limit_get_429_problem_json_with_retry_after_while_staff_keep_working()
    {
        for (var i = 0; i < RateLimitedHub.ReadsPerMinute; i++)
        {
            using var allowed = await hub.Public.GetAsync("/api/reports");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await hub.Public.GetAsync("/api/reports");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter is not null, "429 must say when to retry.");

        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        for (var i = 0; i < RateLimitedHub.ReadsPerMinute + 2; i++)
        {
            using var staff = await admin.Http.GetAsync("/api/reports");
            Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        }
    }

    [Fact]
    public async Task Filing_is_limited_separately_and_a_refused_filing_stores_nothing()
    {
        using var client = new HttpClient { BaseAddress = hub.Settings.BaseAddress };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostJsonAsync("/api/reports", ApiJson.Report($"Laporan uji batas ke-{i} tentang jalan rusak di kampung."));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        using var listed = await hub.Operator.GetAsync("/api/reports?q=batas&pageSize=100");
        Assert.Equal(2, (await listed.ReadJsonAsync()).GetProperty("total").GetInt32());
    }
}
