using System.Globalization;
using System.Net;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Channels.Telegram;
using Lapor.Hub.Tests.Durability;
using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Tests.Infrastructure;
using Lapor.Hub.Tests.Storage.Postgres;
using Npgsql;

namespace Lapor.Hub.Tests.Cluster;

/// <summary>
/// Two real hub processes in one Orleans cluster on a PostgreSQL database of their own (ADO.NET membership), each
/// serving web, webhooks and grains on 127.0.0.1, with Telegram pointed at one fake Bot API. They share what a real
/// deployment shares (the keys directory, where the Direct Line signing key is generated too, and media) and nothing else.
/// </summary>
internal sealed class TwoNodeCluster : IAsyncDisposable
{
    public const string Secret = "cluster-webhook-secret_0123456789";

    private readonly TemporaryDirectory _directory;
    private readonly List<string> _extra;

    private TwoNodeCluster(TemporaryDirectory directory, LimitedPostgresDatabase database, FakeTelegramBotApi botApi, IEnumerable<string> extra)
    {
        _directory = directory;
        Database = database;
        BotApi = botApi;
        _extra = [.. extra];
    }

    public LimitedPostgresDatabase Database { get; }

    public FakeTelegramBotApi BotApi { get; }

    public HubProcess A { get; private set; } = null!;

    public HubProcess B { get; private set; } = null!;

    public HubProcess[] Nodes => [A, B];

    public static async Task<TwoNodeCluster> StartAsync(params string[] extra)
    {
        var directory = TestDatabases.CreateDirectory("lapor-cluster");
        var database = await LimitedPostgresDatabase.CreateAsync(connectionLimit: 60);
        var botApi = await FakeTelegramBotApi.StartAsync();
        var cluster = new TwoNodeCluster(directory, database, botApi, extra);
        // One after the other: the second joins a cluster whose first silo is already active, as in a rolling start.
        cluster.A = await HubProcess.StartAsync(cluster.SettingsFor("a"));
        cluster.B = await HubProcess.StartAsync(cluster.SettingsFor("b"));
        return cluster;
    }

    public TelegramWebhookPoster WebhookOf(HubProcess node) => new(node.Settings.BaseAddress, Secret);

    /// <summary>Every node's output, for a failure message.</summary>
    public string Output => $"--- node A ---\n{A.Output}\n--- node B ---\n{B.Output}";

    public IEnumerable<FakeBotApiCall> DeliveredTo(long chat) =>
        BotApi.CallsTo("sendMessage").Where(c => c.Succeeded && c.Parameters["chat_id"] == chat.ToString(CultureInfo.InvariantCulture));

    /// <summary>Files one report through <paramref name="node"/>; the tracking ID on 201, else null.</summary>
    public static async Task<(HttpStatusCode? Status, string? TrackingId, TimeSpan Took, string? RetryAfter)> FileAsync(
        HubProcess node, string text, string? idempotencyKey = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using var response = await node.Client.PostJsonAsync("/api/reports", ApiJson.Report(text), idempotencyKey);
            var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            var id = response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK ? (await response.ReadJsonAsync()).GetProperty("trackingId").GetString() : null;
            var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? ((int)delta.TotalSeconds).ToString(CultureInfo.InvariantCulture) : null;
            return (response.StatusCode, id, took, retryAfter);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (null, null, System.Diagnostics.Stopwatch.GetElapsedTime(started), null);
        }
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Each report grain's reminder (grain and name) with its version, which moves each time it is registered again.</summary>
    public async Task<Dictionary<string, long>> ReportRemindersAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT grainid || ' ' || remindername, version FROM orleansreminderstable WHERE grainid LIKE 'report/%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var reminders = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            reminders[reader.GetString(0)] = reader.GetInt32(1);
        }

        return reminders;
    }

    /// <summary>Silos with status Active (3) in Orleans' membership table.</summary>
    public Task<long> ActiveSilosAsync() => ScalarAsync("SELECT count(*) FROM orleansmembershiptable WHERE status = 3");

    /// <summary>Silos with status Dead (6) in Orleans' membership table.</summary>
    public Task<long> DeadSilosAsync() => ScalarAsync("SELECT count(*) FROM orleansmembershiptable WHERE status = 6");

    /// <summary>One gauge or counter's value summed over its series in a node's Prometheus text, or 0.</summary>
    public static async Task<double> MetricAsync(HubProcess node, string name, string? seriesContaining = null)
    {
        var text = await node.Client.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => seriesContaining is null || line.Contains(seriesContaining, StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) is var value
                && double.IsFinite(value) ? value : 0);
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan patience, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure());
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (B is not null)
        {
            await B.DisposeAsync();
        }

        await BotApi.DisposeAsync();
        await Database.DisposeAsync();
        _directory.Dispose();
    }

    private HubSettings SettingsFor(string node) => new(Path.Combine(_directory.Path, node), Database.ConnectionString, Extra:
    [
        "--Silo:AdvertisedIPAddress=127.0.0.1",
        "--Storage:PostgreSql:Nodes=2",
        $"--DataProtection:KeysDirectory={Path.Combine(_directory.Path, "shared", "keys")}",
        $"--Media:Directory={Path.Combine(_directory.Path, "shared", "media")}",
        $"--Telegram:BotToken={FakeTelegramBotApi.Token}",
        $"--Telegram:WebhookSecret={Secret}",
        $"--Telegram:ApiBaseUrl={BotApi.BaseUrl}",
        "--Outbox:FirstRetryDelay=00:00:00.500",
        "--Outbox:MaxRetryDelay=00:00:02",
        "--Outbox:WakeUpPeriod=00:00:02",
        "--Outbox:MaxAttempts=10000",
        "--Silo:Reminders:MinimumReminderPeriod=00:00:01",
        "--Routing:RetrainInterval=00:00:00",
        "--Metrics:Access=OperatorKey",
        .. _extra,
    ]);
}
