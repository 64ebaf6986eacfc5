using Lapor.Hub.Reports.ReadModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Media;

/// <summary>
/// Deletes uploads that never became part of a report once they are older than <see cref="MediaOptions.OrphanLifetime"/>:
/// otherwise anyone could keep files on the hub, and serve them from it, forever. A file a report claimed is kept, and so
/// is every file saved before claims were recorded (<see cref="FileMediaStore.ClaimsRecordedSinceAsync"/>).
/// </summary>
public sealed partial class OrphanMediaSweeper(
    FileMediaStore store, IReportMediaOwners owners, IOptions<MediaOptions> options, TimeProvider time, ILogger<OrphanMediaSweeper> logger)
    : BackgroundService
{
    /// <summary>Deletes every unclaimed file saved before <paramref name="savedBefore"/>; returns how many.</summary>
    public async Task<int> SweepAsync(DateTimeOffset savedBefore, CancellationToken cancellationToken)
    {
        var claimsRecordedSince = await store.ClaimsRecordedSinceAsync(cancellationToken);
        var old = new List<string>();
        await foreach (var (id, savedAt) in store.ListStoredAsync(cancellationToken))
        {
            if (savedAt < savedBefore && savedAt >= claimsRecordedSince)
            {
                old.Add(id);
            }
        }

        if (old.Count == 0)
        {
            return 0;
        }

        var owned = await owners.OwnedAmongAsync(old, cancellationToken);
        var deleted = 0;
        foreach (var id in old.Where(id => !owned.Contains(id)))
        {
            store.Delete(id);
            deleted++;
        }

        LogSwept(deleted, old.Count - deleted);
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OrphanSweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(time.GetUtcNow() - options.Value.OrphanLifetime, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(exception); // the next round tries again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Unclaimed uploads swept: {Deleted} deleted, {Kept} kept for their reports")]
    private partial void LogSwept(int deleted, int kept);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping unclaimed uploads failed")]
    private partial void LogSweepFailed(Exception exception);
}
