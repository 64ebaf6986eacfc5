using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Channels.Twilio;

/// <summary>The Twilio hub on a fresh PostgreSQL database; not started when LAPOR_TEST_POSTGRES is unset (the tests skip).</summary>
public sealed class TwilioPostgresHub : TwilioHub
{
    private TemporaryPostgresDatabase? _database;

    public override async Task InitializeAsync()
    {
        if (TestDatabases.HasPostgres)
        {
            await base.InitializeAsync();
        }
    }

    protected override async Task<string?> PostgresConnectionStringAsync()
    {
        _database = await TestDatabases.CreatePostgresAsync();
        return _database.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        if (_database is null)
        {
            return;
        }

        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>WhatsApp over Twilio with the hub's state in PostgreSQL: inbox, window, outbox and status callbacks.</summary>
public sealed class TwilioPostgresTests(TwilioPostgresHub hub) : IClassFixture<TwilioPostgresHub>
{
    [SkippableFact]
    public async Task A_report_filed_on_whatsapp_gets_its_follow_up_and_the_delivery_on_its_history()
    {
        Skip.IfNot(TestDatabases.HasPostgres, TestDatabases.PostgresSkipReason);
        const string phone = "+6281200000041";
        var id = await hub.FileByWhatsAppAsync(phone, "Jalan berlubang besar di depan SDN 5, sudah sebulan belum ditambal, banyak motor jatuh");

        Assert.True((await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward",
            new { categoryCode = "PEKERJAAN-UMUM", agencyCode = "PEMKOT-3578" })).IsSuccessStatusCode);
        Assert.True((await hub.Operator.PostJsonAsync($"/api/reports/{id}/follow-ups",
            new { agencyCode = "PEMKOT-3578", text = "Lubang sudah ditambal oleh DSDABM pada 28 November." })).IsSuccessStatusCode);
        var followUp = await hub.DeliveredAsync("whatsapp:" + phone, "Lubang sudah ditambal oleh DSDABM");
        Assert.True((await hub.StatusAsync("whatsapp", followUp, "delivered")).IsSuccessStatusCode);

        await TwilioReportFlowTests.WaitUntilAsync(async () =>
        {
            var report = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
            var entry = report.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "FollowUpPosted");
            return entry.TryGetProperty("delivery", out var delivery) && delivery.ValueKind == System.Text.Json.JsonValueKind.Object
                && delivery.GetProperty("status").GetString() == "Delivered";
        }, "the follow-up's delivery to become Delivered");
    }
}
