using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lapor.Hub.Channels.Telegram.Inbox;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Channels.Flow;
using Lapor.Hub.Tests.Channels.Telegram;
using Lapor.Hub.Tests.Channels.WebChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Tests.Fuzzing;

/// <summary>
/// A bounded fuzz of every public parser against the real hub on loopback (Kestrel, Orleans, SQLite, the Telegram channel
/// on a fake Bot API, Direct Line): a few hundred seeded hostile requests per run, well under a minute. No input may get
/// a 5xx, drop the connection or throw a bug-shaped exception anywhere, and each entrance still serves a valid request after.
/// The answers themselves (400, 401, 404, 413, 415, 422) are the entrances' own business and are not asserted here.
/// A new entrance (an SMS keyword parser, say) adds a test here with its valid bodies.
/// </summary>
public sealed class PublicParserFuzzTests : IClassFixture<TelegramHub>
{
    private const int Seed = 20_261_206;
    private const int Cases = 120;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TelegramHub _hub;
    private readonly BugShapedExceptions _bugs = new();

    public PublicParserFuzzTests(TelegramHub hub)
    {
        _hub = hub;
        hub.Services.GetRequiredService<ILoggerFactory>().AddProvider(_bugs);
    }

    [Fact]
    public async Task Filing_a_report_through_the_api()
    {
        var run = new FuzzRun("POST /api/reports", Seed);
        var bodies = new HostileBodies(Seed);
        for (var i = 0; i < Cases; i++)
        {
            var body = bodies.Next(ValidReport);
            var key = i % 3 == 0 ? AsciiHeader(bodies.NextText("retry-1")) : null;
            await run.SendAsync(i, () => _hub.Public.SendAsync(Post("/api/reports", body, ("Idempotency-Key", key))), body);
        }

        run.AssertNoFindings(_bugs);
        using var filed = await _hub.Public.PostAsync("/api/reports", Json(ValidReport));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        AssertNoBugs();
    }

    [Fact]
    public async Task Replies_and_admin_commands_on_a_report()
    {
        using var filed = await _hub.Public.PostAsync("/api/reports", Json(ValidReport));
        var report = await filed.ReadJsonAsync();
        var id = report.GetProperty("trackingId").GetString()!;
        var reporterKey = report.GetProperty("reporterKey").GetString()!;
        (string Path, string Body, bool AsReporter)[] commands =
        [
            ($"/api/reports/{id}/replies", """{"text":"Kondisinya makin parah setelah hujan semalam."}""", true),
            ($"/api/reports/{id}/clarification-requests", """{"question":"Di RT berapa tepatnya?"}""", false),
            ($"/api/reports/{id}/rejection", """{"reason":"Duplicate","explanation":"Sudah dilaporkan.","duplicateOf":"ABCD-EFGH-JKL"}""", false),
            ($"/api/reports/{id}/forward", """{"categoryCode":"PEKERJAAN-UMUM","agencyCode":"PEMKOT-3578","note":"Mohon dicek."}""", false),
            ($"/api/reports/{id}/follow-ups", """{"agencyCode":"PEMKOT-3578","text":"Sudah ditambal.","officer":"budi"}""", false),
        ];
        var run = new FuzzRun("report commands", Seed);
        var bodies = new HostileBodies(Seed + 1);
        for (var i = 0; i < Cases; i++)
        {
            var (path, valid, asReporter) = commands[i % commands.Length];
            var body = bodies.Next(valid);
            var request = Post(path, body, asReporter ? (Web.Reports.ReportEndpoints.ReporterKeyHeader, reporterKey) : ("Idempotency-Key", null));
            await run.SendAsync(i, () => (asReporter ? _hub.Public : _hub.Operator).SendAsync(request), body);
        }

        run.AssertNoFindings(_bugs);
        using var read = await _hub.Operator.GetAsync($"/api/reports/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        AssertNoBugs();
    }

    [Fact]
    public async Task Telegram_webhook_updates()
    {
        // Several chats, so no inbox reaches its back-pressure limit (a 503 by design) while the fuzz outpaces the handling.
        var chats = Enumerable.Range(9_000, 6).Select(offset => TelegramUpdates.ChatId + offset).ToArray();
        using var webhook = new TelegramWebhookPoster(_hub.Settings.BaseAddress, TelegramHub.Secret);
        var run = new FuzzRun("Telegram webhook", Seed);
        var bodies = new HostileBodies(Seed + 2);
        for (var i = 0; i < Cases; i++)
        {
            var updateId = 50_000 + i;
            var chat = chats[i % chats.Length];
            string[] valid =
            [
                TelegramUpdates.Text(updateId, "Jalan berlubang besar di depan SDN 5, sudah sebulan belum ditambal", chat),
                TelegramUpdates.CallbackQuery(updateId, $"cb-{i}", "no", chat),
                TelegramUpdates.Location(updateId, -7.2575, 112.7521, chat),
                TelegramUpdates.Photo(updateId, "foto", [new($"fuzz-{i}", 90, 68, 900)], chat),
                TelegramUpdates.Document(updateId, $"doc-{i}", "application/pdf", "surat.pdf", chat),
            ];
            var body = bodies.Next(valid[i % valid.Length]);
            await run.SendAsync(i, () => webhook.PostAsync(body, TelegramHub.Secret), body);
        }

        run.AssertNoFindings(_bugs);
        foreach (var chat in chats)
        {
            var inbox = await DrainedAsync(chat);
            Assert.True(inbox.GivenUp == 0, $"Chat {chat}: {inbox.GivenUp} fuzzed updates could not be handled.");
        }

        var fresh = TelegramUpdates.ChatId + 9_100;
        await _hub.SayAsync(TelegramUpdates.Text(60_000, "Jalan berlubang besar di depan SDN 5, sudah sebulan belum ditambal", fresh), "Di mana", fresh);
        AssertNoBugs();
    }

    [Fact]
    public async Task Direct_line_activities()
    {
        var directLine = new DirectLineTestClient(_hub.Public);
        var conversation = await directLine.StartConversationAsync();
        var run = new FuzzRun("Direct Line activities", Seed);
        var bodies = new HostileBodies(Seed + 3);
        for (var i = 0; i < Cases; i++)
        {
            var valid = DirectLineTestClient.Message(conversation.UserId, "Lampu jalan mati di gang Melati", DirectLineTestClient.NewClientActivityId());
            if (i % 4 == 1)
            {
                valid["value"] = "ya";
            }

            var body = bodies.Next(valid.ToJsonString());
            await run.SendAsync(i, () => directLine.SendAsync(HttpMethod.Post,
                $"/v3/directline/conversations/{conversation.ConversationId}/activities", conversation.Token, Json(body)), body);
        }

        run.AssertNoFindings(_bugs);
        // The fuzzed conversation still takes a message, and a fresh one gets the hub's answer.
        await directLine.PostMessageAsync(conversation, "Lampu jalan mati di gang Melati");
        var fresh = await directLine.StartConversationAsync();
        await directLine.PostMessageAsync(fresh, "Lampu jalan mati di gang Melati sejak seminggu yang lalu");
        await directLine.WaitForActivityAsync(fresh, activity => (string?)activity["from"]?["id"] != fresh.UserId, Patience);
        AssertNoBugs();
    }

    [Fact]
    public async Task Direct_line_uploads()
    {
        var directLine = new DirectLineTestClient(_hub.Public);
        var conversation = await directLine.StartConversationAsync();
        var run = new FuzzRun("Direct Line uploads", Seed);
        var bodies = new HostileBodies(Seed + 5);
        string[] contentTypes = ["image/jpeg", "image/png", "application/pdf", "text/plain", "", "image/../../x", "multipart/mixed"];
        for (var i = 0; i < Cases / 2; i++)
        {
            var activity = bodies.Next(DirectLineTestClient.Message(conversation.UserId, "Foto jalan rusak", $"upload-{i}").ToJsonString());
            var file = bodies.Next("\"\"");
            var multipart = new MultipartFormDataContent($"fuzz-{i}")
            {
                { new ByteArrayContent(activity) { Headers = { ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity") } }, "activity", "blob" },
            };
            var part = new ByteArrayContent(file);
            part.Headers.TryAddWithoutValidation("Content-Type", contentTypes[i % contentTypes.Length]);
            // Written by hand: HttpClient would refuse the hostile file names the hub must survive.
            part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{AsciiHeader(bodies.NextText("foto.jpg"))}\"");
            multipart.Add(part);
            HttpContent content = i % 5 == 4 ? Truncated(await multipart.ReadAsByteArrayAsync(), multipart.Headers.ContentType!) : multipart;
            await run.SendAsync(i, () => directLine.SendAsync(HttpMethod.Post,
                $"/v3/directline/conversations/{conversation.ConversationId}/upload", conversation.Token, content), activity);
        }

        run.AssertNoFindings(_bugs);
        await directLine.PostMessageAsync(conversation, "Lampu jalan mati di gang Melati");
        AssertNoBugs();

        static ByteArrayContent Truncated(byte[] body, MediaTypeHeaderValue type) =>
            new(body[..(body.Length * 2 / 3)]) { Headers = { ContentType = type } };
    }

    [Fact]
    public async Task Tracking_ids_and_list_queries_in_urls()
    {
        var run = new FuzzRun("tracking IDs and queries", Seed);
        var texts = new HostileBodies(Seed + 4);
        for (var i = 0; i < Cases; i++)
        {
            var id = FuzzRun.UrlEncoded(texts.NextText("ABCD-EFGH-JKL"));
            var value = FuzzRun.UrlEncoded(texts.NextText("35.78"));
            string[] paths =
            [
                $"/api/reports/{id}", $"/laporan/{id}", $"/api/reports?q={value}&page={value}", $"/api/reports?status={value}&pageSize={value}",
                $"/api/reports?overdue={value}&order={value}&region={value}", $"/api/reports/export.csv?q={value}&agency={value}",
                $"/api/map?region={value}&category={value}", $"/api/agencies/{id}",
            ];
            var path = paths[i % paths.Length];
            await run.SendAsync(i, () => _hub.Public.GetAsync(path));
        }

        run.AssertNoFindings(_bugs);
        using var list = await _hub.Public.GetAsync("/api/reports");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        AssertNoBugs();
    }

    private const string ValidReport = """
        {"text":"Sampah menumpuk di depan SD Negeri 3 sudah dua minggu tidak diangkut.","title":"Sampah tidak diangkut",
         "regionCode":"35.78","location":{"lat":-7.2575,"lon":112.7521},"isSecret":false,"isAnonymous":true}
        """;

    private static ByteArrayContent Json(string json) => Json(System.Text.Encoding.UTF8.GetBytes(json));

    private static ByteArrayContent Json(byte[] body) =>
        new(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

    private static HttpRequestMessage Post(string path, byte[] body, (string Name, string? Value) header)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        if (header.Value is not null)
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        return request;
    }

    /// <summary>HttpClient sends only ASCII header values; the rest of the text is kept as a marker.</summary>
    private static string AsciiHeader(string text) => string.Concat(text.Select(c => c is > ' ' and < '\x7f' ? c : '~'));

    private async Task<TelegramInboxStatus> DrainedAsync(long chat)
    {
        var inbox = _hub.Services.GetRequiredService<IGrainFactory>().GetGrain<ITelegramInboxGrain>(chat.ToString(CultureInfo.InvariantCulture));
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = await inbox.GetStatus();
            if (status.Pending == 0)
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Chat {chat} still has {status.Pending} updates pending after the fuzz.");
            await Task.Delay(100);
        }
    }

    private void AssertNoBugs() =>
        Assert.True(_bugs.Found.Count == 0, "Bug-shaped exceptions were logged:\n" + string.Join("\n", _bugs.Found.Take(3)));
}
