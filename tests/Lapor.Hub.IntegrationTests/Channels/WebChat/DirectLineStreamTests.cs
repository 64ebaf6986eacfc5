using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.WebChat;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.WebChat;

[Collection(WebChatHostCollection.Name)]
public sealed class DirectLineStreamTests(WebChatHostFixture fixture)
{
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(15);

    private DirectLineTestClient Client => fixture.Client;

    [Fact]
    public async Task The_stream_delivers_the_echo_and_the_hub_reply_as_activity_sets()
    {
        var conversation = await Client.StartConversationAsync();
        using var socket = await ConnectAsync(conversation.StreamUrl);

        var id = await Client.PostMessageAsync(conversation, "Pohon tumbang");

        var received = await ReceiveActivitiesUntilAsync(socket, activities => activities.Any(IsHubReply));
        var echo = Assert.Single(received, activity => (string?)activity["id"] == id);
        Assert.Equal("Pohon tumbang", (string)echo["text"]!);
        var reply = Assert.Single(received, IsHubReply);
        Assert.Equal("Anda menulis: Pohon tumbang", (string)reply["text"]!);
        Assert.Equal(2, reply["suggestedActions"]!["actions"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_message_sent_later_by_the_hub_is_pushed_to_the_open_stream()
    {
        var conversation = await Client.StartConversationAsync();
        using var socket = await ConnectAsync(conversation.StreamUrl);
        var sender = fixture.Host.Services.GetRequiredService<WebChatSender>();

        var result = await sender.SendAsync(new ChannelAddress("web", conversation.ConversationId), new OutboundMessage("Laporan Anda sudah ditindaklanjuti."), default);

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        var received = await ReceiveActivitiesUntilAsync(socket, activities => activities.Any(IsHubReply));
        Assert.Equal(result.ProviderMessageId, (string)received.Single(IsHubReply)["id"]!);
    }

    [Fact]
    public async Task An_idle_stream_gets_empty_keep_alive_frames_and_a_reconnect_resumes_after_its_watermark()
    {
        var conversation = await Client.StartConversationAsync();
        await Client.PostMessageAsync(conversation, "satu");
        using (var first = await ConnectAsync(conversation.StreamUrl))
        {
            var backlog = await ReceiveFrameAsync(first);
            Assert.Equal("2", (string)JsonNode.Parse(backlog!)!["watermark"]!);
            Assert.Equal("", await ReceiveFrameAsync(first)); // keep-alive, every second in the test host
        }

        await Client.PostMessageAsync(conversation, "dua");
        using var reconnect = await Client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.ConversationId}?watermark=2", conversation.Token);
        var streamUrl = (string)(await DirectLineTestClient.ReadObjectAsync(reconnect))["streamUrl"]!;
        using var second = await ConnectAsync(streamUrl);

        var resumed = JsonNode.Parse((await ReceiveFrameAsync(second))!)!;
        Assert.Equal(["dua", "Anda menulis: dua"], resumed["activities"]!.AsArray().Select(activity => (string)activity!["text"]!));
        Assert.Equal("4", (string)resumed["watermark"]!);
    }

    [Fact]
    public async Task The_stream_checks_its_token_before_upgrading()
    {
        var mine = await Client.StartConversationAsync();
        var theirs = await Client.StartConversationAsync();
        var theirsWithMyToken = theirs.StreamUrl[..theirs.StreamUrl.IndexOf("?t=", StringComparison.Ordinal)] + "?t=" + Uri.EscapeDataString(mine.Token);
        var forged = mine.StreamUrl[..^4] + "AAAA";

        Assert.Equal(HttpStatusCode.Forbidden, await RefusalAsync(theirsWithMyToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await RefusalAsync(forged));
    }

    private static bool IsHubReply(JsonObject activity) => (string?)activity["from"]?["id"] == "lapor-hub";

    private static async Task<ClientWebSocket> ConnectAsync(string streamUrl)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        return socket;
    }

    private static async Task<HttpStatusCode> RefusalAsync(string streamUrl)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None));
        return socket.HttpStatusCode;
    }

    private static async Task<List<JsonObject>> ReceiveActivitiesUntilAsync(WebSocket socket, Func<List<JsonObject>, bool> enough)
    {
        var received = new List<JsonObject>();
        while (!enough(received))
        {
            var frame = await ReceiveFrameAsync(socket);
            Assert.NotNull(frame);
            if (frame.Length == 0)
            {
                continue; // keep-alive
            }

            var set = JsonNode.Parse(frame)!.AsObject();
            Assert.Equal(JsonValueKind.String, set["watermark"]!.GetValueKind());
            received.AddRange(set["activities"]!.AsArray().OfType<JsonObject>());
        }

        return received;
    }

    /// <summary>One whole text frame, "" for an empty one, null when the server closed.</summary>
    private static async Task<string?> ReceiveFrameAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(FrameTimeout);
        using var frame = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            frame.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(frame.ToArray());
            }
        }
    }
}
