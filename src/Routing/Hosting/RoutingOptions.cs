namespace Lapor.Hub.Routing.Hosting;

/// <summary>Configuration section "Routing".</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    /// <summary>Where model versions are kept; default "routing-models" in the storage data directory.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>The seed examples a fresh installation learns from (text,category,agency,region_code).</summary>
    public string SeedPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "data", "routing", "seed-examples.csv");

    /// <summary>More labelled examples in the seed format, e.g. an operator's own history.</summary>
    public List<string> ExtraTrainingData { get; set; } = [];

    /// <summary>How often to retrain when admins have confirmed new routings; zero turns the schedule off.</summary>
    public TimeSpan RetrainInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The share of examples held back to compare a new model with the current one.</summary>
    public double HoldBackFraction { get; set; } = 0.2;

    /// <summary>
    /// A candidate is compared with the model in service only on at least this many examples that model has not seen
    /// (new confirmations); with fewer, the model in service stays until more have come.
    /// </summary>
    public int MinExamplesToCompare { get; set; } = 20;
}
