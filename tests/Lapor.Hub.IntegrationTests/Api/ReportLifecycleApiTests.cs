using System.Net;
using System.Text.Json;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Api;

/// <summary>A report walked through its lifecycle over HTTP, with who may do and see what.</summary>
public sealed class ReportLifecycleApiTests(InProcessHub hub) : IClassFixture<InProcessHub>
{
    private const string Agency = "PEMKOT-3578";

    [Fact]
    public async Task Forward_follow_up_and_reply_move_the_report_and_refuse_what_does_not_fit()
    {
        var (id, reporterKey) = await FileAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Public.PostJsonAsync($"/api/reports/{id}/forward",
            new { categoryCode = "LINGKUNGAN-KEHUTANAN", agencyCode = Agency })).StatusCode);
        var unknownAgency = await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "LINGKUNGAN-KEHUTANAN", agencyCode = "NOPE" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownAgency.StatusCode);
        Assert.Equal("unknown-agency", (await unknownAgency.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal("Submitted", await StatusAsync(id));

        var forwarded = await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "LINGKUNGAN-KEHUTANAN", agencyCode = "pemkot-3578" });
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        var report = await forwarded.ReadJsonAsync();
        Assert.Equal("Forwarded", report.GetProperty("status").GetString());
        Assert.Equal("FollowUp", report.GetProperty("deadlines")[0].GetProperty("kind").GetString());

        var again = await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "LINGKUNGAN-KEHUTANAN", agencyCode = Agency });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("illegal-transition", (await again.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await hub.Operator.PostJsonAsync($"/api/reports/{id}/rejection", new { reason = "Spam" })).StatusCode);

        var wrongAgency = await hub.Operator.PostJsonAsync($"/api/reports/{id}/follow-ups", new { agencyCode = "KEMENKES", text = "Bukan wewenang kami." });
        Assert.Equal(HttpStatusCode.Forbidden, wrongAgency.StatusCode);

        var followUp = await hub.Operator.PostJsonAsync($"/api/reports/{id}/follow-ups",
            new { agencyCode = Agency, officer = "dlh-surabaya-1", text = "Sampah sudah diangkut pagi ini oleh DLH." });
        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);
        var closingBefore = (await followUp.ReadJsonAsync()).GetProperty("deadlines")[0].GetProperty("dueAt").GetDateTimeOffset();

        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Public.PostJsonAsync($"/api/reports/{id}/replies", new { text = "Terima kasih" })).StatusCode);
        var reply = await WithReporterKey(reporterKey, c => c.PostJsonAsync($"/api/reports/{id}/replies", new { text = "Terima kasih, sudah bersih." }));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var afterReply = await reply.ReadJsonAsync();
        Assert.Equal("FollowedUp", afterReply.GetProperty("status").GetString());
        Assert.True(afterReply.GetProperty("deadlines")[0].GetProperty("dueAt").GetDateTimeOffset() >= closingBefore);
        Assert.All(afterReply.GetProperty("history").EnumerateArray(), e => Assert.Equal(JsonValueKind.Null, e.GetProperty("actor").GetProperty("id").ValueKind));

        var thread = (await (await hub.Public.GetAsync($"/api/reports/{id}")).ReadJsonAsync()).GetProperty("history").EnumerateArray()
            .Select(e => e.GetProperty("kind").GetString()!).ToArray();
        Assert.Equal(new[] { "Filed", "Forwarded", "FollowUpPosted", "ReplyPosted" }, thread);

        var agency = await (await hub.Public.GetAsync($"/api/agencies/{Agency}")).ReadJsonAsync();
        Assert.True(agency.GetProperty("openReports").GetInt32() >= 1);

        var listed = await (await hub.Public.GetAsync($"/api/reports?status=FollowedUp&agency={Agency}")).ReadJsonAsync();
        Assert.Contains(id, listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("trackingId").GetString()));
    }

    [Fact]
    public async Task Asking_for_clarification_pauses_verification_until_the_citizen_answers()
    {
        var (id, reporterKey) = await FileAsync();
        var asked = await (await hub.Operator.PostJsonAsync($"/api/reports/{id}/clarification-requests",
            new { question = "Di jalan apa tepatnya?" })).ReadJsonAsync();
        Assert.Equal("NeedsClarification", asked.GetProperty("status").GetString());
        Assert.True(asked.GetProperty("deadlines")[0].GetProperty("isPaused").GetBoolean());

        var answered = await (await WithReporterKey(reporterKey, c => c.PostJsonAsync($"/api/reports/{id}/replies",
            new { text = "Jl. Kertajaya no. 10" }))).ReadJsonAsync();
        Assert.Equal("Submitted", answered.GetProperty("status").GetString());
        Assert.False(answered.GetProperty("deadlines")[0].GetProperty("isPaused").GetBoolean());
    }

    [Fact]
    public async Task A_secret_report_is_invisible_to_the_public_even_after_forwarding()
    {
        var (id, reporterKey) = await FileAsync(secret: true);
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "POLITIK-HUKUM", agencyCode = Agency });

        Assert.Equal(HttpStatusCode.NotFound, (await hub.Public.GetAsync($"/api/reports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await WithReporterKey("wrong-key", c => c.GetAsync($"/api/reports/{id}"))).StatusCode);
        var asReporter = await WithReporterKey(reporterKey, c => c.GetAsync($"/api/reports/{id}"));
        Assert.Equal(HttpStatusCode.OK, asReporter.StatusCode);
        Assert.NotNull((await asReporter.ReadJsonAsync()).GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.OK, (await hub.Operator.GetAsync($"/api/reports/{id}")).StatusCode);

        var publicList = await (await hub.Public.GetAsync("/api/reports?pageSize=100")).ReadJsonAsync();
        Assert.DoesNotContain(id, publicList.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("trackingId").GetString()));
        var operatorList = await (await hub.Operator.GetAsync("/api/reports?pageSize=100")).ReadJsonAsync();
        Assert.Contains(id, operatorList.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("trackingId").GetString()));
    }

    [Fact]
    public async Task Before_forwarding_the_public_sees_where_a_report_stands_but_not_its_text()
    {
        var (id, _) = await FileAsync();
        var report = await (await hub.Public.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        Assert.Equal("Submitted", report.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("text").ValueKind);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("reporter").ValueKind);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("history").ValueKind);
        Assert.Equal("Verification", report.GetProperty("deadlines")[0].GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=101")]
    [InlineData("page=0")]
    [InlineData("status=Lost")]
    [InlineData("overdue=maybe")]
    public async Task Bad_list_parameters_get_400(string query) =>
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.Public.GetAsync($"/api/reports?{query}")).StatusCode);

    private async Task<(string Id, string ReporterKey)> FileAsync(bool secret = false)
    {
        var response = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report(secret: secret));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        return (body.GetProperty("trackingId").GetString()!, body.GetProperty("reporterKey").GetString()!);
    }

    private async Task<string?> StatusAsync(string id) =>
        (await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync()).GetProperty("status").GetString();

    private async Task<HttpResponseMessage> WithReporterKey(string key, Func<HttpClient, Task<HttpResponseMessage>> call)
    {
        using var client = new HttpClient { BaseAddress = hub.Public.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Reporter-Key", key);
        return await call(client);
    }
}
