using Lapor.Hub.Time;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Reports.Throttling;

/// <summary>
/// The filings of one citizen, keyed by who files ("web:dl_…", "telegram:12345", "api:…"), checked against the
/// <see cref="FilingThrottle"/>. Each filing is recorded under its filing key, so a redelivered message or a retried
/// request is not counted twice.
/// </summary>
[Alias("Lapor.Hub.IFilingThrottleGrain")]
public interface IFilingThrottleGrain : IGrainWithStringKey
{
    /// <summary>Records the filing if the throttle allows it; a filing key recorded before is always allowed.</summary>
    [Alias("TryRecord")]
    Task<FilingAllowance> TryRecord(string filingKey);
}

public sealed class FilingThrottleState
{
    /// <summary>When each recent filing was made, by filing key.</summary>
    public Dictionary<string, DateTimeOffset> Filings { get; set; } = [];
}

/// <summary>The way every entrance asks the throttle.</summary>
public static class FilingThrottleGrains
{
    /// <summary>
    /// Records a filing by the citizen <paramref name="citizen"/> names if the throttle allows it. With every window off
    /// no grain is activated and the citizen is not even named (an API client without a cookie would otherwise get one,
    /// and a state read per filing, for nothing); filings made then are not counted once a window is turned on.
    /// </summary>
    public static Task<FilingAllowance> TryRecordFilingAsync(
        this IGrainFactory grains, FilingThrottleOptions options, Func<string> citizen, string filingKey) =>
        FilingThrottle.From(options).IsOff
            ? Task.FromResult(FilingAllowance.Allowed)
            : grains.GetGrain<IFilingThrottleGrain>(citizen()).TryRecord(filingKey);
}

[GrainType("filing-throttle")]
public sealed class FilingThrottleGrain(
    [PersistentState("throttle", GrainStorage.Name)] IPersistentState<FilingThrottleState> state,
    IOptions<FilingThrottleOptions> options,
    HubClock clock) : Grain, IFilingThrottleGrain
{
    public async Task<FilingAllowance> TryRecord(string filingKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(filingKey);
        var throttle = FilingThrottle.From(options.Value);
        var now = clock.UtcNow;
        var filings = state.State.Filings;
        if (throttle.IsOff || filings.ContainsKey(filingKey))
        {
            return FilingAllowance.Allowed;
        }

        var allowance = throttle.Check(filings.Values, now);
        if (!allowance.IsAllowed)
        {
            return allowance;
        }

        foreach (var old in filings.Where(f => f.Value <= now - throttle.Memory).Select(f => f.Key).ToArray())
        {
            filings.Remove(old);
        }

        filings[filingKey] = now;
        await state.WriteStateAsync();
        return allowance;
    }
}
