using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Routing.Hosting;

/// <summary>
/// Puts a model in service before the hub takes reports (the stored current version, or one trained from the
/// seed set on a fresh installation), then retrains on schedule when admins have confirmed new routings.
/// </summary>
public sealed class RoutingStartup(
    RoutingService service,
    RoutingModelStore store,
    RoutingRetrainer retrainer,
    IRoutingFeedbackStore feedback,
    IOptions<RoutingOptions> options,
    ILogger<RoutingStartup> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (LoadStored() is { } model)
        {
            service.Swap(model);
            logger.LogInformation("Routing model {Version} in service from {Store}", model.Version, store.Root);
        }
        else
        {
            logger.LogInformation("No usable routing model yet: training one");
            await retrainer.RetrainAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>The stored current model; null when there is none or it cannot be read (e.g. saved in an older format).</summary>
    private RoutingModel? LoadStored()
    {
        try
        {
            return store.LoadCurrent();
        }
        catch (RoutingModelException e)
        {
            logger.LogWarning(e, "The stored routing model cannot be loaded; it is replaced by a newly trained one");
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RetrainInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var confirmations = (await feedback.ReadAllAsync(stoppingToken)).Count;
                if (confirmations != store.Decisions().FirstOrDefault()?.FeedbackRows)
                {
                    await retrainer.RetrainAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduled routing retraining failed; the model in service stays");
            }
        }
    }
}
