using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Routing.Hosting;

/// <summary>
/// Trains a candidate model from the seed set, the operator's extra data and the admins' confirmations,
/// compares it with the model in service on the same held-back slice, and promotes it only if it is at
/// least as good. The slice holds the newest confirmations the model in service has not seen, so neither model is
/// judged on what it learned. A promoted candidate is trained once more with that slice included before it goes into
/// service: the newest confirmations are where new topics and new routing rules first show (the benchmark's
/// rolling evaluation measures what leaving them out costs). Runs beside the hub: suggestions keep coming from the
/// current model until the swap.
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
            var (training, heldBack) = Split(Undated().Concat(confirmed.Select(ToExample)).ToArray(), current?.CreatedAt);
            logger.LogInformation("Retraining routing: {TrainingRows} training rows, {HeldBackRows} held back, {FeedbackRows} confirmations",
                training.Count, heldBack.Count, confirmed.Count);

            var progress = new Progress<string>(step => logger.LogInformation("Routing training: {Step}", step));
            var candidate = await Task.Run(() => RoutingTrainer.Train(training, new RoutingTrainingOptions(), progress, cancellationToken), cancellationToken);
            var candidateEvaluation = RoutingEvaluator.Evaluate(candidate, heldBack);
            var currentEvaluation = current is null ? null : RoutingEvaluator.Evaluate(current, heldBack);
            var (promoted, reason) = (current, currentEvaluation) switch
            {
                (null, _) => (true, "no model in service"),
                _ when heldBack.Count == 0 => (false, $"nothing that {current.Version} has not seen to compare on"),
                _ => (Score(candidateEvaluation) >= Score(currentEvaluation!),
                    $"held-back score {Score(candidateEvaluation):F4} vs {Score(currentEvaluation!):F4} for {current.Version}"),
            };

            // The newest confirmations join the promoted model's training; the undated held-back share stays out of
            // every model, so later comparisons can keep using it.
            var newest = heldBack.Where(e => e.At is not null).ToArray();
            var served = candidate;
            if (promoted && newest.Length > 0)
            {
                logger.LogInformation("Routing: training the promoted model again with the {Rows} held-back confirmations", newest.Length);
                served = await Task.Run(() => RoutingTrainer.Train([.. training, .. newest], new RoutingTrainingOptions(), progress, cancellationToken), cancellationToken);
            }

            var decision = new PromotionDecision(served.Version, time.GetUtcNow(), served.TrainingRows, heldBack.Count, confirmed.Count,
                candidateEvaluation, current?.Version, currentEvaluation, promoted, reason);

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
    /// not seen (confirmed after it was trained), and a fixed, hash-chosen share of the undated examples, which no
    /// model is trained on, so the slice is the same for the candidate and the model in service.
    /// </summary>
    private (IReadOnlyList<RoutingExample> Training, IReadOnlyList<RoutingExample> HeldBack) Split(IReadOnlyList<RoutingExample> examples, DateTimeOffset? servingSince)
    {
        var fraction = options.Value.HoldBackFraction;
        var dated = examples.Where(e => e.At is not null).OrderBy(e => e.At).ToArray();
        var newest = (int)Math.Ceiling(dated.Length * fraction);
        var heldBack = dated[^newest..]
            .Where(e => servingSince is null || e.At > servingSince)
            .Concat(examples.Where(e => e.At is null && StableShare(e.Text) < fraction))
            .ToArray();
        var held = heldBack.ToHashSet(ReferenceEqualityComparer.Instance);
        return (examples.Where(e => !held.Contains(e)).ToArray(), heldBack);
    }

    private static double StableShare(string text) =>
        BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0) / (double)uint.MaxValue;
}
