using Lapor.Hub.Reports;

namespace Lapor.Hub.Polls;

/// <summary>
/// The closing time through an Orleans reminder. Reminders are periodic, may fire late or twice, and are never scheduled
/// beyond <see cref="DeadlineOptions.ReminderHorizon"/> (the report deadlines' setting), so each tick asks the poll whether
/// it is due: before it the reminder re-arms itself, at it the poll closes, and a closed poll keeps no reminder.
/// A second reminder retries a query-table write that failed, and guards the first write of a draft.
/// </summary>
public sealed partial class PollGrain
{
    private const string ClosingReminder = "close";
    private const string SyncReminder = "read-model-sync";

    private readonly HashSet<string> _registered = new(StringComparer.Ordinal);
    private DateTimeOffset? _closingArmedFor;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!_poll.Exists)
        {
            // Left behind by a first save that failed before its state was written.
            await UnregisterAsync(reminderName);
            return;
        }

        if (_poll.IsCloseDue(clock.UtcNow))
        {
            await CloseAsync(Actor.System);
        }
        else if (reminderName == ClosingReminder)
        {
            await ArmClosingAsync();
        }

        await SyncReadModelAsync();
        if (_poll.Status == PollStatus.Open)
        {
            ScheduleAnnouncement();
        }
    }

    private async Task LoadRemindersAsync()
    {
        foreach (var reminder in await this.GetReminders())
        {
            _registered.Add(reminder.ReminderName);
        }
    }

    /// <summary>An open poll holds a closing reminder due at its closing time (or at the horizon, then re-armed); others hold none.</summary>
    private async Task ArmClosingAsync()
    {
        if (_poll.Status != PollStatus.Open)
        {
            await RemoveClosingReminderAsync();
            return;
        }

        var now = clock.UtcNow;
        var options = reminderOptions.Value;
        var closesAt = _poll.Definition.ClosesAt;
        var armFor = closesAt - now > options.ReminderHorizon ? now + options.ReminderHorizon : closesAt;
        if (_registered.Contains(ClosingReminder) && _closingArmedFor == armFor)
        {
            return;
        }

        await this.RegisterOrUpdateReminder(ClosingReminder, armFor > now ? armFor - now : TimeSpan.Zero, options.ReminderRetryPeriod);
        _registered.Add(ClosingReminder);
        _closingArmedFor = armFor;
    }

    private async Task RemoveClosingReminderAsync()
    {
        if (_registered.Contains(ClosingReminder))
        {
            await UnregisterAsync(ClosingReminder);
        }
    }

    /// <summary>Before a state write: some reminder must exist, so a crash before the query table caught up is repaired.</summary>
    private async Task EnsureSyncReminderAsync()
    {
        if (_registered.Count == 0)
        {
            await ArmSyncReminderAsync();
        }
    }

    private async Task ArmSyncReminderAsync()
    {
        if (!_registered.Contains(SyncReminder))
        {
            var period = reminderOptions.Value.ReminderRetryPeriod;
            await this.RegisterOrUpdateReminder(SyncReminder, period, period);
            _registered.Add(SyncReminder);
        }
    }

    private async Task RemoveSyncReminderAsync()
    {
        if (_registered.Contains(SyncReminder))
        {
            await UnregisterAsync(SyncReminder);
        }
    }

    private async Task UnregisterAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _registered.Remove(name);
        if (name == ClosingReminder)
        {
            _closingArmedFor = null;
        }
    }
}
