using System.Net;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Console;

public sealed class ClientRateLimitedHub : InProcessHub
{
    public const int FilingsPerMinute = 2;
    public const int FilingsPerMinutePerAddress = 5;

    protected override Task<IReadOnlyList<string>> ExtraArgumentsAsync() => Task.FromResult<IReadOnlyList<string>>(
        [$"--RateLimits:FilingsPerMinute={FilingsPerMinute}", $"--RateLimits:FilingsPerMinutePerAddress={FilingsPerMinutePerAddress}"]);
}

/// <summary>
/// Public limits count per browser (a signed cookie), so citizens behind one carrier-grade NAT address do not lock each
/// other out, with a higher ceiling per address against a client that drops its cookie. The tests speak through the
/// loopback proxy the hub trusts by default and set X-Forwarded-For: each test is its own "neighbourhood" address.
/// </summary>
public sealed class ClientRateLimitTests(ClientRateLimitedHub hub) : IClassFixture<ClientRateLimitedHub>
{
    [Fact]
    public async Task Neighbours_behind_one_address_each_get_their_own_filing_allowance()
    {
        using var first = Browser("203.0.113.10");
        using var neighbour = Browser("203.0.113.10");

        var firstStatuses = await FileAsync(first, ClientRateLimitedHub.FilingsPerMinute + 1, "rumah satu");
        var neighbourStatuses = await FileAsync(neighbour, 1, "rumah dua");

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], firstStatuses);
        Assert.Equal([HttpStatusCode.Created], neighbourStatuses);
    }

    [Fact]
    public async Task A_client_that_drops_its_cookie_is_stopped_at_the_per_address_ceiling()
    {
        using var cookieless = Browser("203.0.113.20", useCookies: false);

        var statuses = await FileAsync(cookieless, ClientRateLimitedHub.FilingsPerMinutePerAddress + 1, "tanpa kuki");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, ClientRateLimitedHub.FilingsPerMinutePerAddress).Append(HttpStatusCode.TooManyRequests), statuses);
    }

    [Fact]
    public async Task Another_address_is_not_held_back_by_a_busy_one()
    {
        using var busy = Browser("203.0.113.30", useCookies: false);
        using var elsewhere = Browser("198.51.100.30", useCookies: false);

        await FileAsync(busy, ClientRateLimitedHub.FilingsPerMinutePerAddress + 1, "sibuk");
        var statuses = await FileAsync(elsewhere, 1, "tempat lain");

        Assert.Equal([HttpStatusCode.Created], statuses);
    }

    private HttpClient Browser(string forwardedFor, bool useCookies = true)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = useCookies }) { BaseAddress = hub.Settings.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    private static async Task<List<HttpStatusCode>> FileAsync(HttpClient client, int count, string who)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.PostJsonAsync("/api/reports", ApiJson.Report($"Laporan uji batas dari {who} ke-{i} tentang jalan rusak di kampung."));
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
