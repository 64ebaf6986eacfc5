using System.Text.Json;

namespace Lapor.Hub.Routing.Hosting;

/// <summary>
/// Whether a trained model replaced the one in service, and why. <see cref="Evaluation"/> and
/// <see cref="CurrentEvaluation"/> are the candidate's and the serving model's figures on the same
/// <see cref="HeldBackRows"/> rows, which neither had seen. A promoted model was then trained again on every example
/// (<see cref="TrainingRows"/> counts the rows the saved model learned from), so its evaluation is a slightly
/// conservative one: the same recipe with a little less data.
/// </summary>
public sealed record PromotionDecision(
    string Version,
    DateTimeOffset TrainedAt,
    int TrainingRows,
    int HeldBackRows,
    int FeedbackRows,
    RoutingEvaluation Evaluation,
    string? ComparedWith,
    RoutingEvaluation? CurrentEvaluation,
    bool Promoted,
    string Reason)
{
    /// <summary>
    /// Whether the saved model was trained on every example, the held-back ones included (every model promoted by
    /// this version of the retrainer). A model in service that has not (saved by an earlier version) is still compared
    /// on the fixed undated share it never saw.
    /// </summary>
    public bool LearnedEverything { get; init; }

    /// <summary>Set when the candidate was kept aside because too few unseen examples were left to compare on: how many were needed.</summary>
    public int? ExamplesNeeded { get; init; }
}

/// <summary>
/// Every model version in its own folder with its evaluation and promotion decision, and a pointer file
/// naming the version in service. Nothing is deleted: an operator can see, and roll back to, any version.
/// </summary>
public sealed class RoutingModelStore(string root)
{
    private const string CurrentFile = "current.txt";
    private const string DecisionFile = "decision.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Root { get; } = Path.GetFullPath(root);

    public string? CurrentVersion
    {
        get
        {
            var pointer = Path.Combine(Root, CurrentFile);
            return File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : null;
        }
    }

    public RoutingModel? LoadCurrent() => CurrentVersion is { } version ? RoutingModel.Load(Path.Combine(Root, version)) : null;

    public void Save(RoutingModel model, PromotionDecision decision)
    {
        var directory = Path.Combine(Root, model.Version);
        model.Save(directory);
        // Written aside and renamed: the model page reads decisions while a retraining writes one.
        var temporary = Path.Combine(directory, DecisionFile + ".tmp");
        File.WriteAllText(temporary, JsonSerializer.Serialize(decision, Json));
        File.Move(temporary, Path.Combine(directory, DecisionFile), overwrite: true);
    }

    /// <summary>Points the store at <paramref name="version"/>; atomic, so a crash leaves the old or the new pointer.</summary>
    public void Promote(string version)
    {
        if (!Directory.Exists(Path.Combine(Root, version)))
        {
            throw new DirectoryNotFoundException($"No model version {version} in {Root}.");
        }

        var temporary = Path.Combine(Root, CurrentFile + ".tmp");
        File.WriteAllText(temporary, version);
        File.Move(temporary, Path.Combine(Root, CurrentFile), overwrite: true);
    }

    /// <summary>Every version's decision, newest first.</summary>
    public IReadOnlyList<PromotionDecision> Decisions() => !Directory.Exists(Root)
        ? []
        : Directory.EnumerateDirectories(Root)
            .Select(d => Path.Combine(d, DecisionFile))
            .Where(File.Exists)
            .Select(f => JsonSerializer.Deserialize<PromotionDecision>(File.ReadAllText(f), Json)!)
            .OrderByDescending(d => d.TrainedAt)
            .ToArray();
}
