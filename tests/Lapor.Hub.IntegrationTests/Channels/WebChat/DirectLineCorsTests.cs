using System.Net;

namespace Lapor.Hub.Tests.Channels.WebChat;

[Collection(WebChatHostCollection.Name)]
public sealed class DirectLineCorsTests(WebChatHostFixture fixture)
{
    [Theory]
    [InlineData("/v3/directline/tokens/generate", "POST")]
    [InlineData("/v3/directline/conversations", "POST")]
    [InlineData("/v3/directline/conversations/abc/activities", "GET")]
    [InlineData("/v3/directline/conversations/abc/upload", "POST")]
    public async Task A_preflight_from_another_site_allows_the_three_headers_web_chat_sends(string path, string method)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", "https://pemda.example.go.id");
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");

        using var response = await fixture.Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        var allowedHeaders = Single(response, "Access-Control-Allow-Headers").Split(',', StringSplitOptions.TrimEntries);
        Assert.Superset(new HashSet<string>(["authorization", "content-type", "x-ms-bot-agent"]), new HashSet<string>(allowedHeaders, StringComparer.OrdinalIgnoreCase));
        Assert.Contains(method, Single(response, "Access-Control-Allow-Methods"));
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);
}
