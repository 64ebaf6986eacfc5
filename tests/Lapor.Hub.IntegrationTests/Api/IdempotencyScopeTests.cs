using System.Net;
using System.Net.Http.Json;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Api;

/// <summary>
/// An Idempotency-Key belongs to the caller that sent it: a retry gets the same report back, but the same key (and even
/// the same body) from another caller never hands over the first filing's reporter key, and with it the report.
/// Callers are told apart as the hub sees them behind its proxy: by the forwarded client address, or by their credentials.
/// </summary>
public sealed class IdempotencyScopeTests(InProcessHub hub) : IClassFixture<InProcessHub>
{
    private static readonly object Body = new
    {
        text = "Tiang listrik miring di depan SMP Negeri 12, hampir roboh kena angin.",
        title = "Tiang listrik miring",
        regionCode = "35.78",
        isSecret = true,
    };

    [Fact]
    public async Task The_same_key_and_body_from_another_client_files_its_own_report_and_never_gets_the_first_reporter_key()
    {
        var key = $"order-{Guid.NewGuid():N}";
        var first = await FileAsync(key, client: "203.0.113.10");
        var retried = await FileAsync(key, client: "203.0.113.10");
        var stranger = await FileAsync(key, client: "198.51.100.20");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Equal(first.TrackingId, retried.TrackingId);
        Assert.Equal(first.ReporterKey, retried.ReporterKey);

        Assert.Equal(HttpStatusCode.Created, stranger.Status);
        Assert.NotEqual(first.TrackingId, stranger.TrackingId);
        Assert.NotEqual(first.ReporterKey, stranger.ReporterKey);
    }

    [Fact]
    public async Task The_same_key_from_the_operator_and_from_an_anonymous_client_are_two_filings()
    {
        var key = $"order-{Guid.NewGuid():N}";
        var anonymous = await FileAsync(key, client: "203.0.113.11");
        var operatorFiling = await FileAsync(key, client: "203.0.113.11", hub.Operator);

        Assert.Equal(HttpStatusCode.Created, operatorFiling.Status);
        Assert.NotEqual(anonymous.ReporterKey, operatorFiling.ReporterKey);
    }

    [Fact]
    public async Task Reusing_a_key_for_another_body_is_refused_to_its_own_caller_only()
    {
        var key = $"order-{Guid.NewGuid():N}";
        await FileAsync(key, client: "203.0.113.12");
        var other = new { text = "Laporan lain sama sekali: lampu jalan di gang Mawar mati.", regionCode = "35.78" };

        var sameCaller = await FileAsync(key, client: "203.0.113.12", body: other);
        var otherCaller = await FileAsync(key, client: "198.51.100.22", body: other);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, sameCaller.Status);
        Assert.Equal(HttpStatusCode.Created, otherCaller.Status);
    }

    private async Task<Filing> FileAsync(string key, string client, HttpClient? http = null, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(body ?? Body) };
        request.Headers.Add("Idempotency-Key", key);
        request.Headers.Add("X-Forwarded-For", client);
        using var response = await (http ?? hub.Public).SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return new Filing(response.StatusCode, null, null);
        }

        var json = await response.ReadJsonAsync();
        return new Filing(response.StatusCode, json.GetProperty("trackingId").GetString(), json.GetProperty("reporterKey").GetString());
    }

    private sealed record Filing(HttpStatusCode Status, string? TrackingId, string? ReporterKey);
}
