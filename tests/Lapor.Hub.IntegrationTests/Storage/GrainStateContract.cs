using System.Text;
using Lapor.Hub.Storage;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Lapor.Hub.Tests.Storage;

/// <summary>Grain state through Orleans' ADO.NET provider on a real database; run once per provider.</summary>
public abstract class GrainStateContract<TFixture>(TFixture fixture) where TFixture : HubClusterFixture
{
    private const string ProbeGrainType = "probe";

    [SkippableFact]
    public async Task State_survives_deactivation_and_a_cluster_restart()
    {
        fixture.SkipIfUnavailable();
        var key = NewKey();
        var grain = fixture.GrainFactory.GetGrain<IStorageProbeGrain>(key);
        await grain.Add("first", ProbeColour.Green);
        await grain.Add("second", ProbeColour.Red);

        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(new[] { "first", "second" }, (await grain.Get()).Entries);

        await fixture.RestartClusterAsync();
        var reloaded = await fixture.GrainFactory.GetGrain<IStorageProbeGrain>(key).Get();
        Assert.Equal(new[] { "first", "second" }, reloaded.Entries);
        Assert.Equal(ProbeColour.Red, reloaded.Colour);
        Assert.True(reloaded.RecordExists);
    }

    [SkippableFact]
    public async Task Clear_empties_the_state_and_later_writes_still_succeed()
    {
        fixture.SkipIfUnavailable();
        var grain = fixture.GrainFactory.GetGrain<IStorageProbeGrain>(NewKey());
        await grain.Add("doomed", ProbeColour.Green);

        await grain.Clear();
        await fixture.Cluster.DeactivateAsync(grain);
        var cleared = await grain.Get();
        Assert.Empty(cleared.Entries);
        Assert.False(cleared.RecordExists);

        await grain.Add("after", ProbeColour.Red);
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(new[] { "after" }, (await grain.Get()).Entries);
    }

    [SkippableFact]
    public async Task Stale_writers_and_clears_are_rejected_with_a_version_conflict()
    {
        fixture.SkipIfUnavailable();
        var storage = HubGrainStorage();
        var grainId = GrainId.Create(ProbeGrainType, NewKey());

        // Two activations that both saw "no state yet": only the first insert wins.
        var first = await ReadAsync<ProbeState>(storage, grainId);
        var second = await ReadAsync<ProbeState>(storage, grainId);
        first.State!.Entries.Add("first");
        await storage.WriteStateAsync(ProbeGrainType, grainId, first);
        second.State!.Entries.Add("second");
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(ProbeGrainType, grainId, second));

        // Two activations that read the same version: only the first update wins.
        var third = await ReadAsync<ProbeState>(storage, grainId);
        var fourth = await ReadAsync<ProbeState>(storage, grainId);
        third.State!.Entries.Add("third");
        await storage.WriteStateAsync(ProbeGrainType, grainId, third);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(ProbeGrainType, grainId, fourth));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(ProbeGrainType, grainId, fourth));

        var stored = await ReadAsync<ProbeState>(storage, grainId);
        Assert.Equal(new[] { "first", "third" }, stored.State!.Entries);
        Assert.Equal("2", stored.ETag);
    }

    [SkippableFact]
    public async Task State_written_by_one_type_is_read_by_a_renamed_type_of_the_same_shape()
    {
        fixture.SkipIfUnavailable();
        var storage = HubGrainStorage();
        var grainId = GrainId.Create(ProbeGrainType, NewKey());
        var written = new GrainState<ComplaintStateV1>(new ComplaintStateV1
        {
            Title = "Jalan berlubang",
            Status = ComplaintStatusV1.Forwarded,
            Tags = ["road", "surabaya"],
            Retired = "dropped in the renamed type",
        });
        await storage.WriteStateAsync(ProbeGrainType, grainId, written);

        var read = await ReadAsync<RenamedComplaintState>(storage, grainId);
        Assert.Equal("Jalan berlubang", read.State!.Title);
        Assert.Equal(RenamedComplaintStatus.Forwarded, read.State!.Status);
        Assert.Equal(new[] { "road", "surabaya" }, read.State!.Tags);
        Assert.Equal(0, read.State!.AddedLater);

        var json = await ReadStoredPayloadAsync(grainId);
        Assert.Contains("\"status\":\"Forwarded\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ComplaintStateV1), json, StringComparison.Ordinal);
        Assert.DoesNotContain("Lapor.Hub", json, StringComparison.Ordinal);
    }

    private IGrainStorage HubGrainStorage() =>
        fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(HubStorage.GrainStorageName);

    private static async Task<GrainState<T>> ReadAsync<T>(IGrainStorage storage, GrainId grainId) where T : new()
    {
        var state = new GrainState<T>(new T());
        await storage.ReadStateAsync(ProbeGrainType, grainId, state);
        return state;
    }

    /// <summary>The raw row: for a string key Orleans stores the key itself in GrainIdExtensionString.</summary>
    private async Task<string> ReadStoredPayloadAsync(GrainId grainId)
    {
        await using var services = new ServiceCollection().AddLogging().AddHubDatabase(fixture.Storage).BuildServiceProvider();
        await using var connection = await services.GetRequiredService<IHubDatabase>().OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT PayloadBinary FROM OrleansStorage WHERE GrainTypeString = 'probe' AND GrainIdExtensionString = @Key";
        var key = command.CreateParameter();
        key.ParameterName = "Key";
        key.Value = grainId.Key.ToString();
        command.Parameters.Add(key);
        return Encoding.UTF8.GetString((byte[])(await command.ExecuteScalarAsync())!);
    }

    private static string NewKey() => $"report-{Guid.NewGuid():N}";

    public enum ComplaintStatusV1 { Filed, Forwarded }

    public sealed class ComplaintStateV1
    {
        public string Title { get; set; } = "";
        public ComplaintStatusV1 Status { get; set; }
        public List<string> Tags { get; set; } = [];
        public string? Retired { get; set; }
    }

    public enum RenamedComplaintStatus { Filed, Forwarded }

    public sealed class RenamedComplaintState
    {
        public string Title { get; private set; } = "";
        public RenamedComplaintStatus Status { get; set; }
        public List<string> Tags { get; set; } = [];
        public int AddedLater { get; set; }
    }
}

public sealed class SqliteGrainStateTests(SqliteHubClusterFixture fixture)
    : GrainStateContract<SqliteHubClusterFixture>(fixture), IClassFixture<SqliteHubClusterFixture>;

public sealed class PostgresGrainStateTests(PostgresHubClusterFixture fixture)
    : GrainStateContract<PostgresHubClusterFixture>(fixture), IClassFixture<PostgresHubClusterFixture>;
