using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Routing.Hosting;

/// <summary>
/// Trains a candidate model from the seed set, the operator's extra data and the admins' confirmations,
/// compares it with the model in service on the same held-back slice, and promotes it only if it is at
/// least as good. The slice holds only examples the model in service has not seen, so neither model is judged on what
/// it learned. A promoted candidate is trained once more on every example before it goes into service: the newest
/// confirmations are where new topics and new routing rules first show (the benchmark's rolling evaluation measures
/// what leaving them out costs), and a seed set or an operator's history is not cut by a fifth. Runs beside the hub:
/// suggestions keep coming from the current model until the swap.
/// </summary>
public sealed class RoutingRetrainer(
    RoutingService service,
    RoutingModelStore store,
    IRoutingFeedbackStore feedback,
    IOptions<RoutingOptions> options,
    TimeProvider time,
    ILogger<RoutingRetrainer> logger)
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Whether a retraining is running now.</summary>
    public bool IsTraining => _oneAtATime.CurrentCount == 0;

    public async Task<PromotionDecision> RetrainAsync(CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var confirmed = await feedback.ReadAllAsync(cancellationToken);
            var current = service.Current;
            var currentLearnedEverything = current is not null
                && store.Decisions().FirstOrDefault(d => d.Version == current.Version)?.LearnedEverything == true;
            var examples = Undated().Concat(confirmed.Select(ToExample)).ToArray();
            var (training, heldBack) = Split(examples, current?.CreatedAt, withUndatedShare: !currentLearnedEverything);
            logger.LogInformation("Retraining routing: {TrainingRows} training rows, {HeldBackRows} held back, {FeedbackRows} confirmations",
                training.Count, heldBack.Count, confirmed.Count);

            // Each step is detail (dozens of lines): at Debug, so the start-up banner is not buried under them.
            var progress = new Progress<string>(step => logger.LogDebug("Routing training: {Step}", step));
            var candidate = await Task.Run(() => RoutingTrainer.Train(training, new RoutingTrainingOptions(), progress, cancellationToken), cancellationToken);
            var candidateEvaluation = RoutingEvaluator.Evaluate(candidate, heldBack);
            var currentEvaluation = current is null ? null : RoutingEvaluator.Evaluate(current, heldBack);
            var minimum = Math.Max(1, options.Value.MinExamplesToCompare);
            var tooFew = current is not null && heldBack.Count < minimum;
            var (promoted, reason) = current switch
            {
                null => (true, "no model in service"),
                _ when tooFew =>
                    (false, $"{heldBack.Count} examples that {current.Version} has not seen; at least {minimum} are needed to compare"),
                _ => (Score(candidateEvaluation) >= Score(currentEvaluation!),
                    $"held-back score {Score(candidateEvaluation):F4} vs {Score(currentEvaluation!):F4} for {current.Version}"),
            };

            // A promoted candidate goes into service trained on every example, the held-back ones included.
            var served = candidate;
            if (promoted && heldBack.Count > 0)
            {
                logger.LogInformation("Routing: training the promoted model again with the {Rows} held-back examples", heldBack.Count);
                served = await Task.Run(() => RoutingTrainer.Train(examples, new RoutingTrainingOptions(), progress, cancellationToken), cancellationToken);
            }

            var decision = new PromotionDecision(served.Version, time.GetUtcNow(), served.TrainingRows, heldBack.Count, confirmed.Count,
                candidateEvaluation, current?.Version, currentEvaluation, promoted, reason)
            {
                LearnedEverything = promoted,
                ExamplesNeeded = tooFew ? minimum : null,
            };

            store.Save(served, decision);
            if (promoted)
            {
                store.Promote(served.Version);
                service.Swap(served);
            }

            logger.LogInformation("Routing model {Version} {Outcome}: {Reason}", served.Version, promoted ? "promoted" : "kept aside", reason);
            return decision;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Mean of strict top-1 accuracy for category and agency: the two choices an admin confirms.</summary>
    public static double Score(RoutingEvaluation evaluation) => (evaluation.Category.Accuracy + evaluation.Agency.Accuracy) / 2;

    private IEnumerable<RoutingExample> Undated() =>
        new[] { options.Value.SeedPath }.Concat(options.Value.ExtraTrainingData).SelectMany(RoutingData.ReadSeed);

    private static RoutingExample ToExample(RoutingFeedback f) => new(f.Text, f.CategoryCode, f.AgencyCode, f.RegionCode, f.ConfirmedAt);

    /// <summary>
    /// Held back: the newest confirmations (the model must do well on what comes next) that the model in service has
    /// not seen (confirmed after it was trained), and, while no model in service has learned it, a fixed hash-chosen
    /// share of the undated examples (the seed set and the operator's extra data), the same for every model.
    /// </summary>
    private (IReadOnlyList<RoutingExample> Training, IReadOnlyList<RoutingExample> HeldBack) Split(
        IReadOnlyList<RoutingExample> examples, DateTimeOffset? servingSince, bool withUndatedShare)
    {
        var fraction = options.Value.HoldBackFraction;
        var dated = examples.Where(e => e.At is not null).OrderBy(e => e.At).ToArray();
        var newest = (int)Math.Ceiling(dated.Length * fraction);
        var heldBack = dated[^newest..]
            .Where(e => servingSince is null || e.At > servingSince)
            .Concat(withUndatedShare ? examples.Where(e => e.At is null && StableShare(e.Text) < fraction) : [])
            .ToArray();
        var held = heldBack.ToHashSet(ReferenceEqualityComparer.Instance);
        return (examples.Where(e => !held.Contains(e)).ToArray(), heldBack);
    }

    private static double StableShare(string text) =>
        BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0) / (double)uint.MaxValue;
}
