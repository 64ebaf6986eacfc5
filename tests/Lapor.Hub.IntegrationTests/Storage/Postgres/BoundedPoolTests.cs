using System.Net;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Storage.Postgres;

/// <summary>
/// The hub never asks PostgreSQL for more connections than it may have: its pool is sized from the database's connection limit, and a
/// burst far larger than that waits for pooled connections instead of failing with 53300 ("too many connections").
/// </summary>
public sealed class BoundedPoolTests(LimitedDatabaseHub hub) : IClassFixture<LimitedDatabaseHub>
{
    private const int Burst = 200;

    [SkippableFact]
    public async Task A_burst_of_filings_far_beyond_the_databases_connection_limit_is_all_filed_within_it()
    {
        Skip.IfNot(LimitedDatabaseHub.IsAvailable, TestDatabases.PostgresSkipReason);
        Assert.Contains(hub.Log.Entries, entry => entry.Message.Contains(
            $"at most {LimitedDatabaseHub.ConnectionLimit} connections from this node", StringComparison.Ordinal));

        var peak = 0;
        using var stop = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, await hub.Database.SessionsAsync());
            }
        });

        var statuses = await Task.WhenAll(Enumerable.Range(0, Burst).Select(async i =>
        {
            using var response = await hub.Public.PostJsonAsync("/api/reports",
                ApiJson.Report($"Lampu jalan nomor {i} di Jl. Kenjeran mati sejak minggu lalu, gelap sekali malam hari."));
            return response.StatusCode;
        }));
        await stop.CancelAsync();
        await sampling;

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Created, status));
        Assert.InRange(peak, 1, LimitedDatabaseHub.ConnectionLimit);
    }
}
