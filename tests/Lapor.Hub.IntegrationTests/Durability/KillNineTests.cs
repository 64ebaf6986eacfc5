using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Durability;

/// <summary>
/// The real hub executable is killed with SIGKILL while reports are being filed, then started again on the
/// same storage: every report it acknowledged with 201, and every pending deadline, must be there.
/// </summary>
public abstract class KillNineTests
{
    private const int AcknowledgedBeforeKill = 40;
    private const int Writers = 4;

    protected abstract Task<(HubSettings Settings, IAsyncDisposable Cleanup)> ArrangeAsync();

    [SkippableFact]
    public async Task Every_acknowledged_report_and_its_pending_deadline_survive_kill_minus_nine()
    {
        var (settings, cleanup) = await ArrangeAsync();
        await using var _ = cleanup;
        var acknowledged = new ConcurrentDictionary<string, DateTimeOffset>();
        string forwardedId;
        DateTimeOffset followUpDue;

        await using (var hub = await HubProcess.StartAsync(settings))
        {
            var forwarded = await FileAsync(hub.Client);
            forwardedId = forwarded.GetProperty("trackingId").GetString()!;
            var afterForward = await (await hub.Client.PostJsonAsync($"/api/reports/{forwardedId}/forward",
                new { categoryCode = "KESEHATAN", agencyCode = "KEMENKES" })).ReadJsonAsync();
            followUpDue = afterForward.GetProperty("deadlines")[0].GetProperty("dueAt").GetDateTimeOffset();

            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers).Select(_ => FileUntilStoppedAsync(hub.Client, acknowledged, stop.Token)).ToArray();
            await WaitForAsync(() => acknowledged.Count >= AcknowledgedBeforeKill, hub);

            await hub.KillHardAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using var restarted = await HubProcess.StartAsync(settings);
        foreach (var (id, due) in acknowledged)
        {
            var report = await GetAsync(restarted.Client, id);
            Assert.Equal("Submitted", report.GetProperty("status").GetString());
            var deadline = Assert.Single(report.GetProperty("deadlines").EnumerateArray());
            Assert.Equal(due, deadline.GetProperty("dueAt").GetDateTimeOffset());
            Assert.Contains("deadline-verification", Reminders(report));
        }

        var forwardedReport = await GetAsync(restarted.Client, forwardedId);
        Assert.Equal("Forwarded", forwardedReport.GetProperty("status").GetString());
        Assert.Equal(followUpDue, forwardedReport.GetProperty("deadlines")[0].GetProperty("dueAt").GetDateTimeOffset());
        Assert.Contains("deadline-followup", Reminders(forwardedReport));

        var listed = await (await restarted.Client.GetAsync("/api/reports?pageSize=1")).ReadJsonAsync();
        Assert.True(listed.GetProperty("total").GetInt32() >= acknowledged.Count + 1);
    }

    private static async Task FileUntilStoppedAsync(HttpClient client, ConcurrentDictionary<string, DateTimeOffset> acknowledged, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var body = await FileAsync(client);
                acknowledged[body.GetProperty("trackingId").GetString()!] = body.GetProperty("verificationDueAt").GetDateTimeOffset();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return; // the hub died mid-request: that report was never acknowledged
            }
        }
    }

    private static async Task<JsonElement> FileAsync(HttpClient client)
    {
        var response = await client.PostJsonAsync("/api/reports", ApiJson.Report(), "durability-" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string id)
    {
        var response = await client.GetAsync($"/api/reports/{id}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{id} after restart: {(int)response.StatusCode}");
        return await response.ReadJsonAsync();
    }

    private static IEnumerable<string?> Reminders(JsonElement report) =>
        report.GetProperty("scheduledReminders").EnumerateArray().Select(r => r.GetString());

    private static async Task WaitForAsync(Func<bool> condition, HubProcess hub)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Too few reports filed in time. Hub output:\n{hub.Output}");
            await Task.Delay(50);
        }
    }
}

public sealed class SqliteKillNineTests : KillNineTests
{
    protected override Task<(HubSettings, IAsyncDisposable)> ArrangeAsync()
    {
        var directory = TestDatabases.CreateDirectory("lapor-kill9");
        return Task.FromResult<(HubSettings, IAsyncDisposable)>((new HubSettings(directory.Path), new Cleanup(directory)));
    }
}

public sealed class PostgresKillNineTests : KillNineTests
{
    protected override async Task<(HubSettings, IAsyncDisposable)> ArrangeAsync()
    {
        Skip.IfNot(TestDatabases.HasPostgres, TestDatabases.PostgresSkipReason);
        var database = await TestDatabases.CreatePostgresAsync();
        var directory = TestDatabases.CreateDirectory("lapor-kill9-pg");
        return (new HubSettings(directory.Path, database.ConnectionString), new Cleanup(directory, database));
    }
}

/// <summary>Disposes what a test arranged, last first.</summary>
internal sealed class Cleanup(params object[] resources) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        foreach (var resource in resources.Reverse())
        {
            switch (resource)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
