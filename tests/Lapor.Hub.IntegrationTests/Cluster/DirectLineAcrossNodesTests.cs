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
/// Drill: a Direct Line conversation's WebSocket stream lands on the node its conversation grain does not live on (the
/// load balancer put it there): the grain nudges the stream on the other node through its grain observer and the
/// replies arrive. Then the stream's node is killed and the client reconnects to the survivor with its watermark, as
/// Web Chat does; the time from the kill until the first activity on the new stream is measured.
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
        await onA.PostMessageAsync(conversation, "Pohon tumbang menutup jalan di depan kantor kecamatan sejak pagi");
        await onA.WaitForActivityAsync(conversation, activity => IsHubReply(activity) && ((string?)activity["text"])!.Contains("Di mana"));

        // The conversation grain writes its state on the node it lives on; the stream goes to the other one.
        var grainOnA = await TwoNodeCluster.MetricAsync(cluster.A, "orleans_storage_write_latency_milliseconds_count", "state_name=\"directline\"") > 0;
        var (grainNode, streamNode) = grainOnA ? (cluster.A, cluster.B) : (cluster.B, cluster.A);
        using var onSurvivorHttp = new HttpClient { BaseAddress = grainNode.Settings.BaseAddress };
        var onSurvivor = new DirectLineTestClient(onSurvivorHttp);
        var resumeAt = (string)(await onA.GetActivitiesAsync(conversation))["watermark"]!;
        using (var remote = await ConnectAsync(On(streamNode, await ReconnectUrlAsync(onA, conversation, resumeAt))))
        {
            await onSurvivor.PostMessageAsync(conversation, "Jl. Raya Kupang, Surabaya");
            var (received, _) = await ReceiveUntilAsync(remote, activities => activities.Any(IsHubReply));
            Assert.Equal("Jl. Raya Kupang, Surabaya", (string)received[0]["text"]!);
            Assert.Contains("foto", (string)received.First(IsHubReply)["text"]!);
        }

        // A stream on that node again, at the latest watermark; then the node dies under it and the client reconnects to the other.
        resumeAt = (string)(await onSurvivor.GetActivitiesAsync(conversation))["watermark"]!;
        using var doomed = await ConnectAsync(On(streamNode, await ReconnectUrlAsync(onSurvivor, conversation, resumeAt)));
        var killedAt = Stopwatch.GetTimestamp();
        await streamNode.KillHardAsync();
        await PostUntilTakenAsync(onSurvivor, conversation, "lewati");

        using var resumed = await ConnectAsync(await ReconnectUrlAsync(onSurvivor, conversation, resumeAt));
        var (afterKill, firstActivity) = await ReceiveUntilAsync(resumed, activities => activities.Any(IsHubReply), killedAt);
        Assert.Equal("lewati", (string)afterKill[0]["text"]!);
        output.WriteLine($"Direct Line: conversation grain on node {(grainOnA ? "A" : "B")}, its stream on the other node got the replies; "
            + $"stream node killed, reconnect to the survivor and first activity {ClusterDrills.Seconds(firstActivity!.Value)} after kill -9");
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
