using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lapor.Hub.Bench;
using Lapor.Hub.Bench.Deadlines;

// dotnet run -c Release --project bench/Lapor.Hub.Bench -- <sqlite | telegram | postgres | kill | all | deadlines>
// BENCH_SECONDS (default 15) sets the measured length; the warm-up lasts from BENCH_WARMUP_SECONDS (15) until the JIT is quiet,
// at most BENCH_MAX_WARMUP_SECONDS (90); BENCH_ROUNDS (3) sets how many times the baseline and the hub are measured in turn;
// LAPOR_TEST_POSTGRES names the PostgreSQL server.
if (await DeadlinesBench.RunChildAsync(args))
{
    return;
}

var scenario = args.FirstOrDefault() ?? "all";
var rows = new List<string>();
const int FilingClients = 16;
const int TelegramClients = 32;

if (scenario is "sqlite" or "all")
{
    await FilingAsync(postgres: null);
}

if (scenario is "telegram" or "all")
{
    await TelegramAsync(postgres: null);
}

if (scenario is "postgres" or "all")
{
    if (Environment.GetEnvironmentVariable("LAPOR_TEST_POSTGRES") is { Length: > 0 } admin)
    {
        await FilingAsync(admin);
        await TelegramAsync(admin);
    }
    else
    {
        rows.Add("PostgreSQL: skipped (set LAPOR_TEST_POSTGRES)");
    }
}

if (scenario is "kill" or "all")
{
    await KillNineAsync();
    await KillNineTelegramAsync();
}

// Not in "all": a million pending deadlines take about half an hour to seed and measure.
if (scenario is "deadlines")
{
    rows.AddRange(await DeadlinesBench.RunAsync());
}

Console.WriteLine();
Console.WriteLine("== Lapor.Hub bench " + DateTimeOffset.UtcNow.ToString("u") + $", {Environment.ProcessorCount} cores, {Load.Measured.TotalSeconds:F0} s per run ==");
rows.ForEach(Console.WriteLine);
return;

async Task FilingAsync(string? postgres)
{
    var database = postgres is null ? "SQLite" : "PostgreSQL";
    Console.WriteLine($"Filing on {database}, {SideBySide.Rounds} round(s) of the raw commit rate and the hub's");
    using var directory = new TemporaryDirectory();
    await using var temporary = postgres is null ? null : await TemporaryPostgres.CreateAsync(postgres);
    var body = JsonSerializer.SerializeToUtf8Bytes(Report);
    Func<int, long, Task<bool>> File(HttpClient http) => async (_, _) =>
    {
        using var content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        using var response = await http.PostAsync("/api/reports", content);
        return response.StatusCode == HttpStatusCode.Created;
    };

    var rounds = new SideBySide();
    LoadResult paced;
    await using (var hub = await HubUnderTest.StartAsync(directory.Path, temporary?.ConnectionString, []))
    {
        using var http = Client(hub.BaseAddress);
        for (var round = 1; round <= SideBySide.Rounds; round++)
        {
            var warmup = SideBySide.WarmupOf(round);
            var raw = postgres is null
                ? await RawDatabases.SqliteAsync(directory.Path, FilingClients, warmup)
                : await RawDatabases.PostgresAsync(temporary!.ConnectionString, FilingClients, warmup);
            rounds.Add(raw, await Load.ClosedAsync($"hub filing on {database}", FilingClients, hub.ProcessId, File(http), warmup));
        }
    }

    // A fresh hub for the paced run, so work left over from the closed runs does not weigh on it.
    using var pacedDirectory = new TemporaryDirectory();
    await using var pacedDatabase = postgres is null ? null : await TemporaryPostgres.CreateAsync(postgres);
    await using (var hub = await HubUnderTest.StartAsync(pacedDirectory.Path, pacedDatabase?.ConnectionString, []))
    {
        using var http = Client(hub.BaseAddress);
        paced = await Load.PacedAsync($"hub filing on {database}, half the max", FilingClients, hub.ProcessId, rounds.MedianHubRate / 2, File(http));
    }
    rows.AddRange(rounds.Rows);
    rows.Add(paced.ToString());
    rows.Add($"  => filing / raw commit rate on {database}: {rounds.Ratios("P1")} (target ≥ 50 %); p99 at half the max {paced.P99Ms:F1} ms (target ≤ 50 ms)");
}

async Task TelegramAsync(string? postgres)
{
    var database = postgres is null ? "SQLite" : "PostgreSQL";
    Console.WriteLine($"Telegram ingest on {database}");
    using var directory = new TemporaryDirectory();
    await using var temporary = postgres is null ? null : await TemporaryPostgres.CreateAsync(postgres);
    var bareAddress = new Uri($"http://127.0.0.1:{HubUnderTest.FreePort()}");
    var botAddress = new Uri($"http://127.0.0.1:{HubUnderTest.FreePort()}");
    await using var bare = await Lapor.Hub.Bench.Telegram.StartBareWebhookAsync(bareAddress);
    await using var bot = await Lapor.Hub.Bench.Telegram.StartFakeBotApiAsync(botAddress);

    Func<int, long, Task<bool>> Post(HttpClient http, Uri address) => async (_, sequence) =>
    {
        // A chat of its own for every 4th update: most updates come from chats the hub has seen, many from new ones.
        using var request = Lapor.Hub.Bench.Telegram.Post(address, Lapor.Hub.Bench.Telegram.TextUpdate(sequence, 9_000_000 + sequence / 4,
            "Jalan berlubang di depan pasar sudah tiga bulan belum diperbaiki."));
        using var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    };

    using var bareHttp = Client(bareAddress);
    string[] telegram =
    [
        $"--Telegram:BotToken={Lapor.Hub.Bench.Telegram.Token}",
        $"--Telegram:WebhookSecret={Lapor.Hub.Bench.Telegram.Secret}",
        $"--Telegram:ApiBaseUrl={botAddress}",
        // The hub's own processing is measured, not Telegram's 30 messages/s per bot (the hub's default pacing).
        "--Outbox:PerChannelPerSecond:telegram=100000",
    ];
    var rounds = new SideBySide();
    LoadResult paced;
    string drained;
    await using (var hub = await HubUnderTest.StartAsync(directory.Path, temporary?.ConnectionString, telegram))
    {
        using var hubHttp = Client(hub.BaseAddress);
        for (var round = 1; round <= SideBySide.Rounds; round++)
        {
            // The hub works off what the last round accepted before the bare endpoint is measured beside it.
            await Lapor.Hub.Bench.Telegram.WaitUntilRepliesStopAsync(TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(5));
            var warmup = SideBySide.WarmupOf(round);
            var bareResult = await Load.ClosedAsync("bare ASP.NET Core webhook (secret + Update)", TelegramClients, Environment.ProcessId, Post(bareHttp, bareAddress), warmup);
            rounds.Add(bareResult, await Load.ClosedAsync($"hub Telegram webhook on {database}", TelegramClients, hub.ProcessId, Post(hubHttp, hub.BaseAddress), warmup));
        }
    }

    // A fresh hub for the paced run: the closed run leaves thousands of accepted updates still being worked off.
    using var pacedDirectory = new TemporaryDirectory();
    await using var pacedDatabase = postgres is null ? null : await TemporaryPostgres.CreateAsync(postgres);
    await using (var hub = await HubUnderTest.StartAsync(pacedDirectory.Path, pacedDatabase?.ConnectionString, telegram))
    {
        using var hubHttp = Client(hub.BaseAddress);
        var sentBefore = Lapor.Hub.Bench.Telegram.SentMessages;
        var started = DateTimeOffset.UtcNow;
        paced = await Load.PacedAsync($"hub Telegram webhook on {database}, half the max", TelegramClients, hub.ProcessId, rounds.MedianHubRate / 2, Post(hubHttp, hub.BaseAddress));
        var answered = DateTimeOffset.UtcNow;
        var lastReply = await Lapor.Hub.Bench.Telegram.WaitUntilRepliesStopAsync(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));
        var replies = Lapor.Hub.Bench.Telegram.SentMessages - sentBefore;
        if (replies == 0)
        {
            Console.WriteLine($"The hub sent no reply; the end of its log:\n{hub.Output[^Math.Min(6000, hub.Output.Length)..]}");
        }

        drained = $"  => behind the paced run: {replies} replies sent, the last {(lastReply - answered).TotalSeconds:F1} s after the last webhook answer "
            + $"({replies / (lastReply - started).TotalSeconds:F0} replies/s from the start of the run)";
    }
    rows.AddRange(rounds.Rows);
    rows.Add(paced.ToString());
    rows.Add(drained);
    rows.Add($"  => Telegram ingest / bare endpoint on {database}: {rounds.Ratios("P2")} (target ≥ 5 % and ≥ 1,000/s, median {rounds.MedianHubRate:F0}/s); "
        + $"p99 at half the max {paced.P99Ms:F1} ms (target ≤ 50 ms)");
}

async Task KillNineAsync()
{
    Console.WriteLine("kill -9 during filing on SQLite");
    using var directory = new TemporaryDirectory();
    var acknowledged = new ConcurrentBag<string>();
    await LoadThenKillAsync(await HubUnderTest.StartAsync(directory.Path, null, []), FilingClients, async http =>
    {
        using var response = await http.PostAsJsonAsync("/api/reports", Report);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            var created = await response.Content.ReadFromJsonAsync<JsonElement>();
            acknowledged.Add(created.GetProperty("trackingId").GetString()!);
        }
    });

    await using var restarted = await HubUnderTest.StartAsync(directory.Path, null, []);
    using var check = Client(restarted.BaseAddress);
    var ids = acknowledged.ToArray();
    var missing = 0;
    foreach (var id in ids)
    {
        using var response = await check.GetAsync($"/api/reports/{id}");
        missing += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
    }

    var listed = await check.GetFromJsonAsync<JsonElement>("/api/reports?pageSize=1");
    var total = listed.GetProperty("total").GetInt32();
    rows.Add($"kill -9 after 5 s of filing (16 clients): {ids.Length} acknowledged with 201, {ids.Distinct().Count()} distinct, "
        + $"{missing} missing after restart, {total} reports listed (≥ acknowledged; the rest were filed but their answer was cut off)");
}

// Every update comes from a chat of its own, so "handled" is visible per chat: the hub's first reply to it.
async Task KillNineTelegramAsync()
{
    Console.WriteLine("kill -9 during Telegram ingest on SQLite");
    using var directory = new TemporaryDirectory();
    var botAddress = new Uri($"http://127.0.0.1:{HubUnderTest.FreePort()}");
    await using var bot = await Lapor.Hub.Bench.Telegram.StartFakeBotApiAsync(botAddress);
    string[] telegram =
    [
        $"--Telegram:BotToken={Lapor.Hub.Bench.Telegram.Token}",
        $"--Telegram:WebhookSecret={Lapor.Hub.Bench.Telegram.Secret}",
        $"--Telegram:ApiBaseUrl={botAddress}",
        "--Outbox:PerChannelPerSecond:telegram=100000",
    ];
    var acknowledged = new ConcurrentBag<long>();
    long next = 0;
    var hub = await HubUnderTest.StartAsync(directory.Path, null, telegram);
    await LoadThenKillAsync(hub, TelegramClients, async http =>
    {
        var chat = 7_000_000 + Interlocked.Increment(ref next);
        using var request = Lapor.Hub.Bench.Telegram.Post(hub.BaseAddress, Lapor.Hub.Bench.Telegram.TextUpdate(chat, chat, "Lampu jalan di gang kami mati sejak minggu lalu."));
        using var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            acknowledged.Add(chat);
        }
    });
    var before = acknowledged.Count(chat => Lapor.Hub.Bench.Telegram.RepliesTo(chat) > 0);

    // Inboxes with accepted updates resume when their wake-up reminder ticks (every minute by default).
    await using var restarted = await HubUnderTest.StartAsync(directory.Path, null, telegram);
    var chats = acknowledged.ToArray();
    var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
    while (chats.Any(chat => Lapor.Hub.Bench.Telegram.RepliesTo(chat) == 0) && DateTimeOffset.UtcNow < deadline)
    {
        await Task.Delay(500);
    }

    var unanswered = chats.Count(chat => Lapor.Hub.Bench.Telegram.RepliesTo(chat) == 0);
    if (unanswered > 0)
    {
        Console.WriteLine($"{unanswered} acknowledged chats got no reply; the end of the restarted hub's log:\n{restarted.Output[^Math.Min(6000, restarted.Output.Length)..]}");
    }

    // One text from a new chat gets the same number of replies every time; a chat with more was handled twice.
    var repliesPerChat = string.Join(", ", chats.GroupBy(Lapor.Hub.Bench.Telegram.RepliesTo).OrderBy(g => g.Key).Select(g => $"{g.Key} replies: {g.Count()} chats"));
    rows.Add($"kill -9 after 5 s of Telegram updates ({TelegramClients} clients, a new chat each): {chats.Length} acknowledged with 200, "
        + $"{before} answered before the kill, {unanswered} never answered after the restart ({repliesPerChat})");
}

// Clients send until the hub dies: after five seconds it is killed with SIGKILL mid-request.
static async Task LoadThenKillAsync(HubUnderTest hub, int clients, Func<HttpClient, Task> send)
{
    var http = Client(hub.BaseAddress);
    using var stop = new CancellationTokenSource();
    var loops = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await send(http);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
            {
                return;
            }
        }
    })).ToArray();
    await Task.Delay(TimeSpan.FromSeconds(5));
    await hub.KillHardAsync();
    await stop.CancelAsync();
    await Task.WhenAll(loops);
    http.Dispose();
    await hub.DisposeAsync();
}

static HttpClient Client(Uri baseAddress)
{
    var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HubUnderTest.OperatorKey);
    return client;
}

internal partial class Program
{
    private static readonly object Report = new
    {
        text = "Sampah menumpuk di depan SD Negeri 3 sudah dua minggu tidak diangkut.",
        title = "Sampah tidak diangkut",
        regionCode = "35.78",
        location = new { lat = -7.2575, lon = 112.7521 },
        isSecret = false,
        isAnonymous = false,
        channel = "api",
        reporterName = "Siti",
    };
}

internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("lapor-bench-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed class TemporaryPostgres : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private TemporaryPostgres(string admin, string name, string connectionString)
    {
        _admin = admin;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<TemporaryPostgres> CreateAsync(string admin)
    {
        var name = "lapor_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new Npgsql.NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new TemporaryPostgres(admin, name, new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
