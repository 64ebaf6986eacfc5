using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lapor.Hub.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Lapor.Hub.Tests.Channels.WebChat;

/// <summary>
/// Opening chats, renewing tokens and uploading cost the hub a grain, state and disk: without a sign-in anyone could
/// call them in a loop. Each test runs its own host with small limits (all calls come from one loopback address).
/// </summary>
public sealed class DirectLineRateLimitTests
{
    [Fact]
    public async Task Opening_chats_beyond_the_per_address_limit_is_refused_with_429_and_retry_after()
    {
        await using var hub = await LimitedHostAsync(("ChatStartsPerMinutePerAddress", 3));
        using var http = hub.Host.CreateClient();
        var client = new DirectLineTestClient(http);
        for (var i = 0; i < 3; i++)
        {
            await client.GenerateTokenAsync();
        }

        using var refused = await client.Http.PostAsync("/v3/directline/tokens/generate", content: null);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("TooManyRequests", (string)(await DirectLineTestClient.ReadObjectAsync(refused))["error"]!["code"]!);
    }

    [Fact]
    public async Task Token_renewals_are_limited_per_conversation_not_for_everyone()
    {
        await using var hub = await LimitedHostAsync(("ChatTokensPerMinutePerConversation", 3));
        using var http = hub.Host.CreateClient();
        var client = new DirectLineTestClient(http);
        var busy = await client.StartConversationAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var refresh = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", busy.Token);
            statuses.Add(refresh.StatusCode);
        }

        var other = await client.StartConversationAsync();
        using var otherRefresh = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", other.Token);

        // Starting the conversation took the first of its three.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, otherRefresh.StatusCode);
    }

    [Fact]
    public async Task Uploads_are_limited_per_conversation_and_per_address()
    {
        await using var hub = await LimitedHostAsync(("ChatUploadsPerMinutePerConversation", 2), ("ChatUploadsPerMinutePerAddress", 3));
        using var http = hub.Host.CreateClient();
        var client = new DirectLineTestClient(http);
        var first = await client.StartConversationAsync();
        var second = await client.StartConversationAsync();

        var firstStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var upload = await UploadAsync(client, first, $"first-{i}");
            firstStatuses.Add(upload.StatusCode);
        }

        var secondStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var upload = await UploadAsync(client, second, $"second-{i}");
            secondStatuses.Add(upload.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], firstStatuses);
        // The second conversation has its own allowance, but the address has one upload left of its three.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], secondStatuses);
    }

    private static async Task<LimitedHost> LimitedHostAsync(params (string Setting, int Value)[] limits)
    {
        var data = new TemporaryDirectory("lapor-webchat-limits");
        var settings = limits.ToDictionary(l => $"RateLimits:{l.Setting}", l => (string?)l.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new LimitedHost(await WebChatTestHost.StartAsync(data.Path, settings), data);
    }

    private static Task<HttpResponseMessage> UploadAsync(DirectLineTestClient client, StartedConversation conversation, string clientActivityId)
    {
        var activity = DirectLineTestClient.Message(conversation.UserId, "", clientActivityId);
        activity.Remove("text");
        var content = new MultipartFormDataContent();
        var activityPart = new StringContent(activity.ToJsonString(), Encoding.UTF8);
        activityPart.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        content.Add(activityPart, "activity", "blob");
        var filePart = new ByteArrayContent(Png());
        filePart.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(filePart, "file", "foto.png");
        return client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation.ConversationId}/upload", conversation.Token, content);
    }

    private static byte[] Png()
    {
        using var image = new Image<Rgba32>(8, 8, new Rgba32(30, 200, 30));
        using var buffer = new MemoryStream();
        image.SaveAsPng(buffer);
        return buffer.ToArray();
    }

    private sealed class LimitedHost(WebChatTestHost host, TemporaryDirectory data) : IAsyncDisposable
    {
        public WebChatTestHost Host => host;

        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync();
            data.Dispose();
        }
    }
}
