using System.Net;

namespace Lapor.Hub.Tests.Channels.WebChat;

[Collection(WebChatHostCollection.Name)]
public sealed class DirectLineConversationTests(WebChatHostFixture fixture)
{
    private DirectLineTestClient Client => fixture.Client;

    [Fact]
    public async Task Starting_answers_201_with_an_absolute_stream_url_then_200_for_the_same_conversation()
    {
        var generated = await Client.GenerateTokenAsync();
        var token = (string)generated["token"]!;

        using var first = await Client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        using var again = await Client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var started = await DirectLineTestClient.ReadObjectAsync(first);
        Assert.Equal((string)generated["conversationId"]!, (string)started["conversationId"]!);
        Assert.InRange((int)started["expires_in"]!, 1790, 1800);
        var streamUrl = (string)started["streamUrl"]!;
        Assert.StartsWith($"ws://{fixture.Host.BaseAddress.Authority}/v3/directline/conversations/{started["conversationId"]}/stream?t=", streamUrl);
    }

    [Fact]
    public async Task The_stream_url_follows_the_reverse_proxy_forwarded_headers()
    {
        var generated = await Client.GenerateTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        request.Headers.Authorization = new("Bearer", (string)generated["token"]!);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "lapor.example.go.id, internal-proxy");

        using var response = await Client.Http.SendAsync(request);

        var started = await DirectLineTestClient.ReadObjectAsync(response);
        Assert.StartsWith("wss://lapor.example.go.id/v3/directline/conversations/", (string)started["streamUrl"]!);
    }

    [Fact]
    public async Task Reconnecting_returns_a_fresh_token_and_a_stream_url_resuming_after_the_watermark()
    {
        var conversation = await Client.StartConversationAsync();
        await Client.PostMessageAsync(conversation, "halo");

        using var response = await Client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.ConversationId}?watermark=2", conversation.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reconnected = await DirectLineTestClient.ReadObjectAsync(response);
        var streamUrl = (string)reconnected["streamUrl"]!;
        Assert.StartsWith("ws://", streamUrl);
        Assert.EndsWith("&watermark=2", streamUrl);
        Assert.Equal(conversation.UserId, DirectLineTestClient.UserIdIn((string)reconnected["token"]!));
    }

    [Fact]
    public async Task A_watermark_that_is_not_ours_is_a_400()
    {
        var conversation = await Client.StartConversationAsync();

        using var response = await Client.SendAsync(HttpMethod.Get,
            $"/v3/directline/conversations/{conversation.ConversationId}/activities?watermark=abc", conversation.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
