using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Tracking;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Api;

/// <summary>The HTTP API over real Kestrel and a real silo on SQLite.</summary>
public sealed class ReportApiTests(InProcessHub hub) : IClassFixture<InProcessHub>
{
    [Fact]
    public async Task Filing_answers_201_with_the_tracking_id_status_and_verification_deadline()
    {
        var response = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var trackingId = body.GetProperty("trackingId").GetString()!;
        Assert.True(TrackingId.TryParse(trackingId, out _));
        Assert.Equal($"/api/reports/{trackingId}", response.Headers.Location!.OriginalString);
        Assert.Equal("Submitted", body.GetProperty("status").GetString());
        var due = body.GetProperty("verificationDueAt").GetDateTimeOffset();
        Assert.InRange(due, DateTimeOffset.UtcNow.AddDays(3), DateTimeOffset.UtcNow.AddDays(30));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("reporterKey").GetString()));

        var stored = await (await hub.Operator.GetAsync($"/api/reports/{trackingId.ToLowerInvariant().Replace("-", " ")}")).ReadJsonAsync();
        Assert.Equal("Sampah tidak diangkut", stored.GetProperty("title").GetString());
        Assert.Equal("api", stored.GetProperty("reporter").GetProperty("channel").GetString());
        Assert.False(stored.GetProperty("reporter").TryGetProperty("address", out var address) && address.ValueKind != JsonValueKind.Null);
        Assert.Contains("deadline-verification", stored.GetProperty("scheduledReminders").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_filing_without_an_idempotency_key_stores_only_its_report_and_one_with_a_key_also_the_record_a_retry_needs()
    {
        var before = await CountRowsAsync();
        var keyless = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report());
        var afterKeyless = await CountRowsAsync();
        var key = $"retry-{Guid.NewGuid():N}";
        var keyed = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report(), key);
        var afterKeyed = await CountRowsAsync();
        var retried = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report(), key);

        Assert.Equal(HttpStatusCode.Created, keyless.StatusCode);
        Assert.Equal((before.Index + 1, before.GrainRows + 1), afterKeyless);
        Assert.Equal(HttpStatusCode.Created, keyed.StatusCode);
        Assert.Equal((afterKeyless.Index + 1, afterKeyless.GrainRows + 2), afterKeyed);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal((await keyed.ReadJsonAsync()).GetProperty("trackingId").GetString(),
            (await retried.ReadJsonAsync()).GetProperty("trackingId").GetString());
        Assert.Equal(afterKeyed, await CountRowsAsync());
        var keylessId = (await keyless.ReadJsonAsync()).GetProperty("trackingId").GetString();
        Assert.Equal(HttpStatusCode.OK, (await hub.Operator.GetAsync($"/api/reports/{keylessId}")).StatusCode);
    }

    public static TheoryData<string, string> BadFilings() => new()
    {
        { """{"channel":"api"}""", "text" },
        { """{"text":"   ","channel":"api"}""", "text" },
        { """{"text":"rusak","channel":"api"}""", "text" },
        { $$"""{"text":"{{new string('a', 4001)}}","channel":"api"}""", "text" },
        { """{"text":"Jalan rusak parah sekali","title":"{{T}}","channel":"api"}""".Replace("{{T}}", new string('t', 151)), "title" },
        { """{"text":"Jalan rusak parah sekali","location":{"lat":200,"lon":10},"channel":"api"}""", "location" },
        { """{"text":"Jalan rusak parah sekali","location":{"lat":40.7,"lon":-74.0},"channel":"api"}""", "location" },
        { """{"text":"Jalan rusak parah sekali","location":{"lat":-7.2},"channel":"api"}""", "location" },
        { """{"text":"Jalan rusak parah sekali","regionCode":"99.99","channel":"api"}""", "regionCode" },
        { """{"text":"Jalan rusak parah sekali","channel":"fax"}""", "channel" },
        { """{"text":"Jalan rusak parah sekali","channel":"telegram"}""", "channel" },
        { """{"text":"Jalan rusak parah sekali","reporterAddress":"7100999"}""", "reporterAddress" },
        { """{"text":"Jalan rusak parah sekali","channel":"api","reporterName":"{{N}}"}""".Replace("{{N}}", new string('n', 101)), "reporterName" },
    };

    [Theory]
    [MemberData(nameof(BadFilings))]
    public async Task Each_kind_of_bad_filing_gets_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        var before = await CountRowsAsync();

        var response = await hub.Public.PostAsync("/api/reports", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
        Assert.NotEmpty(messages.EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task Filing_for_someone_elses_chat_is_refused_so_the_bot_never_messages_or_pins_a_report_on_them()
    {
        var before = await CountRowsAsync();
        var hijack = """{"text":"Jalan rusak parah sekali di depan rumah","channel":"telegram","reporterAddress":"7100999"}""";

        var response = await hub.Public.PostAsync("/api/reports", new StringContent(hijack, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Contains("chatting", errors.GetProperty("channel")[0].GetString());
        Assert.Contains("reporter address", errors.GetProperty("reporterAddress")[0].GetString());
        Assert.Equal(before, await CountRowsAsync());
    }

    [Theory]
    [InlineData("api:")]
    [InlineData("telegram:7100998:")]
    [InlineData("telegram:71009990:")]
    public async Task Inside_the_hub_only_the_chats_own_conversation_can_file_a_report_carrying_its_address(string filingKeyPrefix)
    {
        var submission = new Lapor.Hub.Reports.ReportSubmission("Jalan rusak parah sekali di depan rumah", null, null, null,
            IsAnonymous: false, IsSecret: false, "telegram", "7100999", "Penyamar");
        var filing = hub.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<Lapor.Hub.Reports.Filing.IReportFilingGrain>(filingKeyPrefix + Guid.NewGuid().ToString("N"));

        var refused = await Assert.ThrowsAsync<Lapor.Hub.Reports.ReportRuleViolation>(() => filing.File(submission));

        Assert.Equal(Lapor.Hub.Reports.ReportRuleViolation.UnverifiedAddress, refused.Code);
    }

    [Theory]
    [InlineData("""{"text": "tidak ditutup""")]
    [InlineData("""{"text": 12345, "channel": "api"}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("")]
    public async Task Malformed_json_gets_400_and_writes_nothing(string json)
    {
        var before = await CountRowsAsync();
        var response = await hub.Public.PostAsync("/api/reports", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_and_writes_nothing()
    {
        var before = await CountRowsAsync();
        var huge = $$"""{"text":"{{new string('x', 400_000)}}","channel":"api"}""";
        var response = await hub.Public.PostAsync("/api/reports", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task A_retried_filing_with_the_same_idempotency_key_returns_the_same_report()
    {
        var key = "client-retry-" + Guid.NewGuid();
        var before = await CountRowsAsync();

        var first = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report(), key);
        var again = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report(), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var firstBody = await first.ReadJsonAsync();
        var againBody = await again.ReadJsonAsync();
        Assert.Equal(firstBody.GetProperty("trackingId").GetString(), againBody.GetProperty("trackingId").GetString());
        Assert.Equal(firstBody.GetProperty("reporterKey").GetString(), againBody.GetProperty("reporterKey").GetString());
        Assert.Equal(before.Index + 1, (await CountRowsAsync()).Index);

        var different = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report("Laporan lain sama sekali, lampu jalan mati."), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
    }

    [Fact]
    public async Task Malformed_and_unknown_tracking_ids_are_told_apart()
    {
        var typo = await hub.Public.GetAsync("/api/reports/ABCD-EFGH-JKT");
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Contains("mistyped", (await typo.ReadJsonAsync()).GetProperty("errors").GetProperty("trackingId")[0].GetString());

        var unknown = await hub.Public.GetAsync($"/api/reports/{TrackingId.NewId().ToDisplayString()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<(long Index, long GrainRows)> CountRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(hub.DataDirectory, "lapor-hub.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        return (await ScalarAsync(connection, "SELECT COUNT(*) FROM report_index"), await ScalarAsync(connection, "SELECT COUNT(*) FROM OrleansStorage"));
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
