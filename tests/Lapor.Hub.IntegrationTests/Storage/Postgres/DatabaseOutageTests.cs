using System.Collections.Concurrent;
using System.Net;
using Lapor.Hub.Outages;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Channels.Flow;
using Lapor.Hub.Tests.Channels.Telegram;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Storage.Postgres;

/// <summary>
/// PostgreSQL goes away under load and comes back: meanwhile every request is answered at once with 503 and
/// Retry-After (never 500, never a hang), /readyz says not ready, nothing acknowledged with 201 is lost, and the same
/// hub, not restarted, files again once the database is back. The Telegram webhook answers the same way, and takes
/// the update when Telegram delivers it again.
/// </summary>
public sealed class DatabaseOutageTests(LimitedDatabaseHub hub) : IClassFixture<LimitedDatabaseHub>
{
    private const int Clients = 4;
    private const long TelegramChat = 7209901;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private sealed record Answer(HttpStatusCode Status, string? RetryAfter, string? TrackingId);

    [SkippableFact]
    public async Task Filings_during_an_outage_get_503_with_retry_after_and_every_acknowledged_report_survives()
    {
        Skip.IfNot(LimitedDatabaseHub.IsAvailable, TestDatabases.PostgresSkipReason);
        var answers = new ConcurrentQueue<Answer>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                answers.Enqueue(await FileAsync($"Saluran air nomor {client}-{i} di depan pasar tersumbat, banjir setiap hujan turun."));
            }
        })).ToArray();

        await WaitUntilAsync(() => answers.Count(a => a.Status == HttpStatusCode.Created) >= 5, "No report was filed before the outage");

        await hub.Database.TakeDownAsync();
        var before = answers.Count;
        await WaitUntilAsync(() => answers.Skip(before).Count(a => a.Status == HttpStatusCode.ServiceUnavailable) >= 10,
            "Filings during the outage were not answered 503");
        using (var ready = await hub.Public.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        using var webhook = new TelegramWebhookPoster(hub.Settings.BaseAddress, TelegramHub.Secret);
        var update = TelegramUpdates.Text(9901, "Jembatan di Jl. Kenjeran retak dan miring, berbahaya untuk kendaraan", TelegramChat);
        using (var refused = await webhook.PostAsync(update))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(StorageOutage.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
        }

        await hub.Database.BringBackAsync();
        var back = answers.Count;
        await WaitUntilAsync(() => answers.Skip(back).Count(a => a.Status == HttpStatusCode.Created) >= 5,
            "The hub did not file again after the database came back");
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable),
            a => Assert.Equal(StorageOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), a.RetryAfter));
        using (var ready = await hub.Public.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        // Telegram delivers the refused update again; now it is taken and answered.
        await hub.SayAsync(update, "Di mana", TelegramChat);
        foreach (var filed in answers.Where(a => a.Status == HttpStatusCode.Created))
        {
            using var read = await hub.Operator.GetAsync($"/api/reports/{filed.TrackingId}");
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"Report {filed.TrackingId} was acknowledged with 201 but reads {(int)read.StatusCode}");
        }
    }

    private async Task<Answer> FileAsync(string text)
    {
        using var response = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report(text));
        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? ((int)delta.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        var trackingId = response.StatusCode == HttpStatusCode.Created ? (await response.ReadJsonAsync()).GetProperty("trackingId").GetString() : null;
        return new Answer(response.StatusCode, retryAfter, trackingId);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }
}
