using Lapor.Hub.Polls;
using Lapor.Hub.Storage;
using Lapor.Hub.Storage.Polls;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lapor.Hub.Tests.Polls;

/// <summary>The opt-in register on both databases: upsert, audiences (regions and the regions under them, an agency's reporters), pages in address order.</summary>
public sealed class SqlPollSubscribersTests : IDisposable, IAsyncDisposable
{
    private readonly SqliteSchemaDatabase _sqlite = new();
    private readonly PostgresSchemaDatabase _postgres = new();

    [Fact]
    public async Task Sqlite() => await RegisterContractAsync(await _sqlite.CreateAsync());

    [SkippableFact]
    public async Task PostgreSql() => await RegisterContractAsync(await _postgres.CreateAsync());

    private static async Task RegisterContractAsync(HubStorageOptions storage)
    {
        var register = new SqlPollSubscribers(new HubDatabase(storage, NullLogger<HubDatabase>.Instance));
        var now = DateTimeOffset.UtcNow;
        PollSubscriber Subscriber(string address, string? region, string[] agencies, bool optedIn = true) =>
            new(address, "chat:" + address, address.Split(':')[0], "id", region, agencies, optedIn, now);

        await register.UpsertAsync(Subscriber("telegram:3", "35.78", ["PEMKOT-3578"]));
        await register.UpsertAsync(Subscriber("sms:6281", "35", []));
        await register.UpsertAsync(Subscriber("telegram:1", "31.71", ["PEMPROV-31"]));
        await register.UpsertAsync(Subscriber("webchat:abc", null, [], optedIn: false));
        await register.UpsertAsync(Subscriber("telegram:2", "35.780", ["PEMKOT-3578", "KEMENHUB"]));
        await register.UpsertAsync(Subscriber("sms:6281", "35.15", []) with { VoterKey = "phone:6281" });

        var found = await register.FindAsync("sms:6281");
        Assert.Equal("phone:6281", found!.VoterKey);
        Assert.Equal("35.15", found.RegionCode);
        Assert.Equal(["KEMENHUB", "PEMKOT-3578"], (await register.FindAsync("telegram:2"))!.ReportedToAgencies.Order());
        Assert.Null(await register.FindAsync("telegram:404"));

        var everyone = new PollAudience(PollAudienceKind.OptedIn);
        Assert.Equal(4, await register.CountAsync(everyone, "X"));
        Assert.Equal(["sms:6281", "telegram:1"], (await register.PageAsync(everyone, "X", null, 2)).Select(s => s.Address));
        Assert.Equal(["telegram:2", "telegram:3"], (await register.PageAsync(everyone, "X", "telegram:1", 2)).Select(s => s.Address));
        Assert.Empty(await register.PageAsync(everyone, "X", "telegram:3", 2));

        // "35.78" is under "35", "35.780" is not under "35.78".
        var eastJava = new PollAudience(PollAudienceKind.Regions, ["35"]);
        Assert.Equal(["sms:6281", "telegram:2", "telegram:3"], (await register.PageAsync(eastJava, "X", null, 10)).Select(s => s.Address));
        var surabaya = new PollAudience(PollAudienceKind.Regions, ["35.78", "31"]);
        Assert.Equal(["telegram:1", "telegram:3"], (await register.PageAsync(surabaya, "X", null, 10)).Select(s => s.Address));
        Assert.Equal(2, await register.CountAsync(surabaya, "X"));

        var reporters = new PollAudience(PollAudienceKind.AgencyReporters);
        Assert.Equal(["telegram:2", "telegram:3"], (await register.PageAsync(reporters, "PEMKOT-3578", null, 10)).Select(s => s.Address));
        Assert.Equal(1, await register.CountAsync(reporters, "KEMENHUB"));

        await register.UpsertAsync(Subscriber("telegram:3", "35.78", ["PEMKOT-3578"], optedIn: false));
        Assert.Equal(["telegram:2"], (await register.PageAsync(reporters, "PEMKOT-3578", null, 10)).Select(s => s.Address));
    }

    public void Dispose() => _sqlite.Dispose();

    public ValueTask DisposeAsync() => _postgres.DisposeAsync();
}
