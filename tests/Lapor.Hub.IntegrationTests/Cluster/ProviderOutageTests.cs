using System.Net;
using Lapor.Hub.Tests.Channels.Telegram;
using Lapor.Hub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Lapor.Hub.Tests.Cluster;

/// <summary>
/// Drill: Telegram's Bot API answers 502 for a long while (LAPOR_DRILL_PROVIDER_OUTAGE_SECONDS, 60 in CI; production
/// outages last minutes) while citizens keep writing to both nodes, each chat's updates arriving at alternate nodes.
/// When it comes back every reply is delivered exactly once, in order per chat.
/// </summary>
[Collection(ClusterDrills.Name)]
public sealed class ProviderOutageTests(ITestOutputHelper output)
{
    private const int Chats = 8;
    private const long FirstChat = 8_400_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task Replies_held_through_a_provider_outage_arrive_once_and_in_order_per_chat()
    {
        Skip.IfNot(TestDatabases.HasPostgres, TestDatabases.PostgresSkipReason);
        var outage = ClusterDrills.Duration("LAPOR_DRILL_PROVIDER_OUTAGE_SECONDS", 60);
        await using var cluster = await TwoNodeCluster.StartAsync();
        cluster.BotApi.Unavailable = true;
        var outageEnds = DateTime.UtcNow + outage;

        await Task.WhenAll(Enumerable.Range(0, Chats).Select(async i =>
        {
            var chat = FirstChat + i;
            await DeliverAsync(cluster, cluster.Nodes[i % 2], TelegramUpdates.Text(chat * 10 + 1, "Pohon tumbang menutup jalan di depan kantor kecamatan sejak pagi", chat));
            await DeliverAsync(cluster, cluster.Nodes[(i + 1) % 2], TelegramUpdates.Text(chat * 10 + 2, "Jl. Raya Kupang, Surabaya", chat));
        }));
        await TwoNodeCluster.WaitUntilAsync(() => Task.FromResult(cluster.BotApi.CallsTo("sendMessage").Count(c => !c.Succeeded) >= 2 * Chats),
            Patience, () => $"The hub did not try to send while the provider was down.\n{cluster.Output}");

        await Task.Delay(outageEnds - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero); // the outage lasts as long as asked
        var failedAttempts = cluster.BotApi.CallsTo("sendMessage").Count(c => !c.Succeeded);
        cluster.BotApi.Unavailable = false;
        var chats = Enumerable.Range(0, Chats).Select(i => FirstChat + i).ToArray();
        await TwoNodeCluster.WaitUntilAsync(() => Task.FromResult(chats.All(chat => cluster.DeliveredTo(chat).Count() >= 2)),
            Patience, () => $"Not every reply was delivered after the provider came back.\n{cluster.Output}");
        await Task.Delay(TimeSpan.FromSeconds(3)); // a second delivery, if there were one, would come within the retry delays

        Assert.All(chats, chat =>
        {
            var delivered = cluster.DeliveredTo(chat).Select(c => c.Parameters["text"]).ToArray();
            Assert.Equal(2, delivered.Length);
            Assert.Contains("Di mana", delivered[0]);
            Assert.Contains("foto", delivered[1]);
        });
        output.WriteLine($"Provider down for {ClusterDrills.Seconds(outage)}: {failedAttempts} failed send attempts, then {2 * Chats} replies to {Chats} chats delivered once each, in order");
    }

    private static async Task DeliverAsync(TwoNodeCluster cluster, Durability.HubProcess node, string update)
    {
        using var webhook = cluster.WebhookOf(node);
        using var response = await webhook.PostAsync(update);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
