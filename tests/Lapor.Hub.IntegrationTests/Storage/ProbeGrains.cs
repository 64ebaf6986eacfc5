using Lapor.Hub.Storage;

namespace Lapor.Hub.Tests.Storage;

public enum ProbeColour
{
    Unset,
    Green,
    Red,
}

/// <summary>Persisted with <see cref="HubGrainStateSerializer"/>; no Orleans serialization attributes needed.</summary>
public sealed class ProbeState
{
    public List<string> Entries { get; set; } = [];

    public ProbeColour Colour { get; set; }
}

[GenerateSerializer, Immutable]
public sealed record ProbeSnapshot(
    [property: Id(0)] IReadOnlyList<string> Entries,
    [property: Id(1)] ProbeColour Colour,
    [property: Id(2)] bool RecordExists);

public interface IStorageProbeGrain : IGrainWithStringKey
{
    Task<ProbeSnapshot> Get();

    Task Add(string entry, ProbeColour colour);

    Task Clear();
}

public sealed class StorageProbeGrain(
    [PersistentState("probe", HubStorage.GrainStorageName)] IPersistentState<ProbeState> state) : Grain, IStorageProbeGrain
{
    public Task<ProbeSnapshot> Get() =>
        Task.FromResult(new ProbeSnapshot([.. state.State.Entries], state.State.Colour, state.RecordExists));

    public Task Add(string entry, ProbeColour colour)
    {
        state.State.Entries.Add(entry);
        state.State.Colour = colour;
        return state.WriteStateAsync();
    }

    public Task Clear() => state.ClearStateAsync();
}

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);

    Task Unregister(string name);

    Task<IReadOnlyList<string>> ListReminders();

    /// <summary>How often <paramref name="name"/> fired in this activation.</summary>
    Task<int> Ticks(string name);
}

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    private readonly Dictionary<string, int> _ticks = [];

    public Task Register(string name, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(name, dueTime, period);

    public async Task Unregister(string name)
    {
        var reminder = await this.GetReminder(name) ?? throw new InvalidOperationException($"No reminder '{name}'.");
        await this.UnregisterReminder(reminder);
    }

    public async Task<IReadOnlyList<string>> ListReminders() =>
        [.. (await this.GetReminders()).Select(reminder => reminder.ReminderName).Order(StringComparer.Ordinal)];

    public Task<int> Ticks(string name) => Task.FromResult(_ticks.GetValueOrDefault(name));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _ticks[reminderName] = _ticks.GetValueOrDefault(reminderName) + 1;
        return Task.CompletedTask;
    }
}
