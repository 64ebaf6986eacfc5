using System.Net;
using System.Net.Http.Headers;

namespace Lapor.Hub.Tests.Console;

public sealed class ErrorPageTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [Fact]
    public async Task A_browser_gets_a_friendly_page_in_its_language_while_the_api_keeps_problem_json()
    {
        using var client = hub.NewClient();
        var (status, html) = await client.GetPageAsync("/laporan/tidak/ada");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("<h1>Halaman tidak ditemukan</h1>", html);
        Assert.Contains("href=\"/laporan\"", html);

        await client.GetPageAsync("/bahasa/en?returnUrl=/");
        var (_, english) = await client.GetPageAsync("/laporan/tidak/ada");
        Assert.Contains("<h1>Page not found</h1>", english);

        using var api = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{Lapor.Hub.Tracking.TrackingId.NewId().ToDisplayString()}");
        api.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await hub.Public.SendAsync(api);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_language_switch_only_returns_to_pages_of_this_site()
    {
        using var client = hub.NewClient();
        using var response = await client.Http.GetAsync("/bahasa/en?returnUrl=https://penipu.example/masuk");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
