using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Routing.Hosting;

/// <summary>
/// Trains a candidate model from the seed set, the operator's extra data and the admins' confirmations,
/// compares it with the model in service on the same held-back slice, and promotes it only if it is at
/// least as good. Runs beside the hub: suggestions keep coming from the current model until the swap.
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

    public async Task<PromotionDecision> RetrainAsync(CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var confirmed = await feedback.ReadAllAsync(cancellationToken);
            var (training, heldBack) = Split(Undated().Concat(confirmed.Select(ToExample)).ToArray());
            logger.LogInformation("Retraining routing: {TrainingRows} training rows, {HeldBackRows} held back, {FeedbackRows} confirmations",
                training.Count, heldBack.Count, confirmed.Count);

            var progress = new Progress<string>(step => logger.LogInformation("Routing training: {Step}", step));
            var candidate = await Task.Run(() => RoutingTrainer.Train(training, new RoutingTrainingOptions(), progress, cancellationToken), cancellationToken);
            var candidateEvaluation = RoutingEvaluator.Evaluate(candidate, heldBack);
            var current = service.Current;
            var currentEvaluation = current is null ? null : RoutingEvaluator.Evaluate(current, heldBack);
            var promoted = currentEvaluation is null || Score(candidateEvaluation) >= Score(currentEvaluation);
            var reason = currentEvaluation is null
                ? "no model in service"
                : $"held-back score {Score(candidateEvaluation):F4} vs {Score(currentEvaluation):F4} for {current!.Version}";
            var decision = new PromotionDecision(candidate.Version, time.GetUtcNow(), training.Count, heldBack.Count, confirmed.Count,
                candidateEvaluation, current?.Version, currentEvaluation, promoted, reason);

            store.Save(candidate, decision);
            if (promoted)
            {
                store.Promote(candidate.Version);
                service.Swap(candidate);
            }

            logger.LogInformation("Routing model {Version} {Outcome}: {Reason}", candidate.Version, promoted ? "promoted" : "kept aside", reason);
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
    /// Held back: the newest confirmations (the model must do well on what comes next) and a fixed, hash-chosen
    /// share of the undated examples, so the slice is the same for the candidate and the model in service.
    /// </summary>
    private (IReadOnlyList<RoutingExample> Training, IReadOnlyList<RoutingExample> HeldBack) Split(IReadOnlyList<RoutingExample> examples)
    {
        var fraction = options.Value.HoldBackFraction;
        var dated = examples.Where(e => e.At is not null).OrderBy(e => e.At).ToArray();
        var newest = (int)Math.Ceiling(dated.Length * fraction);
        var heldBack = dated[^newest..].Concat(examples.Where(e => e.At is null && StableShare(e.Text) < fraction)).ToArray();
        var held = heldBack.ToHashSet(ReferenceEqualityComparer.Instance);
        return (examples.Where(e => !held.Contains(e)).ToArray(), heldBack);
    }

    private static double StableShare(string text) =>
        BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0) / (double)uint.MaxValue;
}
