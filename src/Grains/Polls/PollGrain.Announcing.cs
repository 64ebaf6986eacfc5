using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Polls;

/// <summary>
/// Tells the channel side that the poll is open (it starts the invitations). Runs in an interleaving one-shot timer, not
/// in the command's turn: an announcer may call back into this grain (to read the poll) without a deadlock, and a slow or
/// failing announcer never fails the officer's Open. Repeated on each activation while open and on each reminder tick
/// until it succeeded once in this activation; announcers are idempotent by poll ID.
/// </summary>
public sealed partial class PollGrain
{
    private bool _announced;
    private IGrainTimer? _announcement;

    private void ScheduleAnnouncement()
    {
        if (_announced || _announcement is not null || !announcers.Any())
        {
            return;
        }

        _announcement = this.RegisterGrainTimer(AnnounceAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = true,
        });
    }

    private async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_poll.Status != PollStatus.Open)
            {
                return;
            }

            var view = _poll.View(withResults: false);
            foreach (var announcer in announcers)
            {
                await announcer.AnnounceAsync(view);
            }

            _announced = true;
            logger.LogInformation("Poll {PollId} announced", view.PollId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Poll {PollId}: announcing failed; will retry on the next reminder tick", _poll.PollId);
        }
        finally
        {
            _announcement?.Dispose();
            _announcement = null;
        }
    }
}
