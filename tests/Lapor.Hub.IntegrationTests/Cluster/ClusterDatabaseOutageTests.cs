using System.Collections.Concurrent;
using System.Net;
using Lapor.Hub.Outages;
using Lapor.Hub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Lapor.Hub.Tests.Cluster;

/// <summary>
/// Drill: the cluster's PostgreSQL database refuses every connection for 30 s (LAPOR_DRILL_DB_OUTAGE_SECONDS) while
/// clients file through both nodes; the shared server keeps running for everyone else. Every answer is 201 or a fast
/// 503 with Retry-After, nothing acknowledged is lost, both nodes file again without a restart, and neither is
/// declared dead: liveness probes go silo to silo, so a database outage does not split the cluster.
/// </summary>
[Collection(ClusterDrills.Name)]
public sealed class ClusterDatabaseOutageTests(ITestOutputHelper output)
{
    private const int ClientsPerNode = 2;
    private const int PoolTimeoutSeconds = 15;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private sealed record Answer(int Node, HttpStatusCode? Status, string? TrackingId, TimeSpan Took, string? RetryAfter, bool DuringOutage);

    [SkippableFact]
    public async Task Both_nodes_answer_fast_503s_while_the_database_is_away_and_recover_without_a_restart()
    {
        Skip.IfNot(TestDatabases.HasPostgres, TestDatabases.PostgresSkipReason);
        var outage = ClusterDrills.Duration("LAPOR_DRILL_DB_OUTAGE_SECONDS", 30);
        await using var cluster = await TwoNodeCluster.StartAsync($"--Storage:PostgreSql:PoolTimeoutSeconds={PoolTimeoutSeconds}");
        var answers = new ConcurrentQueue<Answer>();
        var down = false;
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 2 * ClientsPerNode).Select(client => Task.Run(async () =>
        {
            var node = client % 2;
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var during = Volatile.Read(ref down);
                var (status, id, took, retryAfter) = await TwoNodeCluster.FileAsync(cluster.Nodes[node],
                    $"Saluran air nomor {client}-{i} di depan pasar tersumbat, banjir setiap hujan turun.");
                answers.Enqueue(new Answer(node, status, id, took, retryAfter, during && Volatile.Read(ref down)));
            }
        })).ToArray();

        await TwoNodeCluster.WaitUntilAsync(() => Task.FromResult(answers.Count(a => a.Status == HttpStatusCode.Created) >= 10),
            Patience, () => $"No report was filed before the outage.\n{cluster.Output}");

        await cluster.Database.TakeDownAsync();
        Volatile.Write(ref down, true);
        var outageEnds = DateTime.UtcNow + outage;
        await TwoNodeCluster.WaitUntilAsync(() => Task.FromResult(answers.Count(a => a.DuringOutage && a.Status == HttpStatusCode.ServiceUnavailable) >= 10),
            Patience, () => $"Filings during the outage were not answered 503.\n{cluster.Output}");
        foreach (var node in cluster.Nodes)
        {
            using var ready = await node.Client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        await Task.Delay(outageEnds - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero); // the outage lasts as long as asked
        Volatile.Write(ref down, false);
        await cluster.Database.BringBackAsync();
        var back = answers.Count;
        await TwoNodeCluster.WaitUntilAsync(() => Task.FromResult(Enumerable.Range(0, 2).All(node =>
                answers.Skip(back).Count(a => a.Node == node && a.Status == HttpStatusCode.Created) >= 5)),
            Patience, () => $"A node did not file again after the database came back.\n{cluster.Output}");
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        var unexpected = answers.Where(a => a.Status is not (HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable)).ToArray();
        Assert.True(unexpected.Length == 0, $"Answers other than 201 and 503: {string.Join(", ", unexpected.Select(a => a.ToString()))}\n{cluster.Output}");
        var refused = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToArray();
        Assert.All(refused, a => Assert.Equal(StorageOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), a.RetryAfter));
        // Fast: an outage is noticed when a connection is refused, not by waiting out the pool's timeout.
        Assert.All(refused, a => Assert.True(a.Took < TimeSpan.FromSeconds(PoolTimeoutSeconds), $"A 503 took {a.Took}"));

        foreach (var node in cluster.Nodes)
        {
            using var ready = await node.Client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        Assert.Equal(0, await cluster.DeadSilosAsync());
        Assert.Equal(2, await cluster.ActiveSilosAsync());
        var filed = answers.Where(a => a.Status == HttpStatusCode.Created).ToArray();
        foreach (var answer in filed)
        {
            using var read = await cluster.Nodes[1 - answer.Node].Client.GetAsync($"/api/reports/{answer.TrackingId}");
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"Report {answer.TrackingId} was acknowledged with 201 but reads {(int)read.StatusCode}");
        }

        var latencies = refused.Select(a => a.Took.TotalMilliseconds).Order().ToArray();
        output.WriteLine($"Database refused for {ClusterDrills.Seconds(outage)}: {answers.Count} answers, {filed.Length} × 201, {refused.Length} × 503 with Retry-After "
            + $"(503 latency p50 {Percentile(latencies, 0.5):0} ms, p99 {Percentile(latencies, 0.99):0} ms, max {latencies[^1]:0} ms); "
            + $"membership after: {await cluster.ActiveSilosAsync()} active, {await cluster.DeadSilosAsync()} dead");
    }

    private static double Percentile(double[] sorted, double rank) => sorted[Math.Min(sorted.Length - 1, (int)(rank * sorted.Length))];
}
