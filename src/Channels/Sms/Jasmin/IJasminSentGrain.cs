namespace Lapor.Hub.Channels.Sms.Jasmin;

/// <summary>
/// Which phone one message sent through Jasmin went to (key: Jasmin's message id). Jasmin's delivery receipts carry no
/// number, and the dlr-url the hub gives carries it only when the receipt comes to that very URL; this is the fallback.
/// Forgotten once the receipt is final, so what is kept stays small.
/// </summary>
[Alias("Lapor.Hub.IJasminSentGrain")]
public interface IJasminSentGrain : IGrainWithStringKey
{
    [Alias("Remember")]
    Task Remember(string toDigits);

    [Alias("Recall")]
    Task<string?> Recall();

    [Alias("Forget")]
    Task Forget();
}

public static class JasminSentGrainExtensions
{
    public static IJasminSentGrain GetJasminSent(this IGrainFactory grains, string jasminMessageId) =>
        grains.GetGrain<IJasminSentGrain>(jasminMessageId);
}

[GrainType("jasmin-sent")]
internal sealed class JasminSentGrain(
    [PersistentState("jasmin-sent", GrainStorage.Name)] IPersistentState<JasminSentState> stored) : Grain, IJasminSentGrain
{
    public async Task Remember(string toDigits)
    {
        stored.State.ToDigits = toDigits;
        await stored.WriteStateAsync();
    }

    public Task<string?> Recall() => Task.FromResult(stored.State.ToDigits);

    public async Task Forget()
    {
        if (stored.RecordExists)
        {
            await stored.ClearStateAsync();
        }

        DeactivateOnIdle();
    }
}

public sealed class JasminSentState
{
    public string? ToDigits { get; set; }
}
