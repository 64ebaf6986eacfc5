using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Lapor.Hub.Tests.Channels.WebChat;
using Lapor.Hub.Tests.Durability;
using Lapor.Hub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Lapor.Hub.Tests.Cluster;

/// <summary>
/// Drill: a Direct Line conversation started on node A streams through node B (the load balancer put the WebSocket
/// there): the conversation grain on one node nudges the stream on the other through its grain observer. Then the
/// stream's node is killed and the client reconnects to the survivor with its watermark, as Web Chat does; the time
/// from the kill until the first activity on the new stream is measured.
/// </summary>
[Collection(ClusterDrills.Name)]
public sealed class DirectLineAcrossNodesTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task A_stream_on_either_node_gets_the_conversations_activities_and_a_reconnect_after_a_kill_resumes_on_the_other()
    {
        Skip.IfNot(TestDatabases.HasPostgres, TestDatabases.PostgresSkipReason);
        await using var cluster = await TwoNodeCluster.StartAsync("--WebChat:StreamKeepAliveInterval=00:00:02");
        using var httpA = new HttpClient { BaseAddress = cluster.A.Settings.BaseAddress };
        var onA = new DirectLineTestClient(httpA);
        var conversation = await onA.StartConversationAsync();

        using (var onB = await ConnectAsync(On(cluster.B, conversation.StreamUrl)))
        {
            var said = await onA.PostMessageAsync(conversation, "Pohon tumbang menutup jalan di depan kantor kecamatan sejak pagi");
            var (received, _) = await ReceiveUntilAsync(onB, activities => activities.Any(IsHubReply));
            Assert.Contains(received, activity => (string?)activity["id"] == said);
            Assert.Contains("Di mana", (string)received.First(IsHubReply)["text"]!);
        }

        // A stream on B again, at the latest watermark; then B dies under it.
        var resumeAt = (string)(await onA.GetActivitiesAsync(conversation))["watermark"]!;
        using var doomed = await ConnectAsync(On(cluster.B, await ReconnectUrlAsync(onA, conversation, resumeAt)));
        var killedAt = Stopwatch.GetTimestamp();
        await cluster.B.KillHardAsync();
        await PostUntilTakenAsync(onA, conversation, "Jl. Raya Kupang, Surabaya");

        using var resumed = await ConnectAsync(await ReconnectUrlAsync(onA, conversation, resumeAt));
        var (afterKill, firstActivity) = await ReceiveUntilAsync(resumed, activities => activities.Any(IsHubReply), killedAt);
        Assert.Equal("Jl. Raya Kupang, Surabaya", (string)afterKill[0]["text"]!);
        Assert.Contains("foto", (string)afterKill.First(IsHubReply)["text"]!);
        output.WriteLine($"Direct Line: stream node killed; reconnect to the other node and first activity {ClusterDrills.Seconds(firstActivity!.Value)} after kill -9");
    }

    /// <summary>
    /// Until the dead node is declared dead, a grain that lived there cannot be reached and the post answers 503 with
    /// Retry-After; the client sends the same activity (same client activity ID) again, as a Web Chat user's retry does.
    /// </summary>
    private static async Task PostUntilTakenAsync(DirectLineTestClient client, StartedConversation conversation, string text)
    {
        var activity = DirectLineTestClient.Message(conversation.UserId, text, DirectLineTestClient.NewClientActivityId());
        for (var attempt = 0; ; attempt++)
        {
            using var response = await client.PostActivityAsync(conversation, activity.DeepClone().AsObject());
            if (response.StatusCode == System.Net.HttpStatusCode.OK)
            {
                return;
            }

            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.True(attempt < 300, "The post was never taken after the kill.");
            await Task.Delay(100);
        }
    }

    private static bool IsHubReply(JsonObject activity) => (string?)activity["from"]?["id"] == "lapor-hub";

    /// <summary>The same stream URL, on <paramref name="node"/>'s port: where a load balancer might have sent the WebSocket.</summary>
    private static string On(HubProcess node, string streamUrl) =>
        new UriBuilder(streamUrl) { Host = node.Settings.BaseAddress.Host, Port = node.Settings.BaseAddress.Port }.Uri.ToString();

    private static async Task<string> ReconnectUrlAsync(DirectLineTestClient client, StartedConversation conversation, string watermark)
    {
        using var reconnect = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.ConversationId}?watermark={watermark}", conversation.Token);
        reconnect.EnsureSuccessStatusCode();
        return (string)(await DirectLineTestClient.ReadObjectAsync(reconnect))["streamUrl"]!;
    }

    private static async Task<ClientWebSocket> ConnectAsync(string streamUrl)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        return socket;
    }

    /// <summary>Activities until <paramref name="enough"/>, and when the first of them arrived (measured from <paramref name="since"/>).</summary>
    private static async Task<(List<JsonObject> Activities, TimeSpan? First)> ReceiveUntilAsync(
        WebSocket socket, Func<List<JsonObject>, bool> enough, long? since = null)
    {
        var received = new List<JsonObject>();
        TimeSpan? first = null;
        while (!enough(received))
        {
            var frame = await ReceiveFrameAsync(socket);
            Assert.NotNull(frame);
            if (frame.Length == 0)
            {
                continue; // keep-alive
            }

            var activities = JsonNode.Parse(frame)!["activities"]!.AsArray().OfType<JsonObject>().ToArray();
            if (activities.Length > 0 && first is null && since is { } start)
            {
                first = Stopwatch.GetElapsedTime(start);
            }

            received.AddRange(activities);
        }

        return (received, first);
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
