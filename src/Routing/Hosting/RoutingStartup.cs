using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Routing.Hosting;

/// <summary>
/// Puts a model in service before the hub takes reports (the stored current version, or one trained from the
/// seed set on a fresh installation), then retrains on schedule when admins have confirmed new routings, and whenever
/// an admin asks (<see cref="RetrainRequests"/>).
/// </summary>
public sealed class RoutingStartup(
    RoutingService service,
    RoutingModelStore store,
    RoutingRetrainer retrainer,
    IRoutingFeedbackStore feedback,
    RetrainRequests requests,
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
        // Two things start a retraining: the schedule, when admins have confirmed new routings since the last one, and
        // an admin's request (always). A wait that did not win is kept for the next round: PeriodicTimer allows one
        // pending wait, and an abandoned channel read would swallow the next request.
        var interval = options.Value.RetrainInterval;
        using var timer = interval > TimeSpan.Zero ? new PeriodicTimer(interval) : null;
        Task<bool>? tick = null;
        Task? request = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            tick ??= timer?.WaitForNextTickAsync(stoppingToken).AsTask();
            request ??= requests.WaitAsync(stoppingToken);
            var woken = tick is null ? request : await Task.WhenAny(request, tick);
            var scheduled = woken == tick;
            if (scheduled)
            {
                tick = null;
            }
            else
            {
                request = null;
            }

            try
            {
                await woken;
                if (!scheduled)
                {
                    logger.LogInformation("Routing retraining requested by an admin");
                    await retrainer.RetrainAsync(stoppingToken);
                }
                else if ((await feedback.ReadAllAsync(stoppingToken)).Count != store.Decisions().FirstOrDefault()?.FeedbackRows)
                {
                    await retrainer.RetrainAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Routing retraining failed; the model in service stays");
            }
        }
    }
}
