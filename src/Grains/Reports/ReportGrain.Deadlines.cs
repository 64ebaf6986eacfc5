using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Reports;

/// <summary>
/// Deadlines through Orleans reminders: one reminder per pending deadline. Reminders are periodic, can
/// fire late or twice, and may fire before the deadline (never scheduled beyond the horizon), so every
/// tick asks the report what is due and the report acts at most once.
/// </summary>
public sealed partial class ReportGrain
{
    private const string DeadlinePrefix = "deadline-";
    private const string RetryReminder = "read-model-sync";

    private readonly HashSet<string> _registered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _armedFor = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<string>> GetScheduledReminders() =>
        Task.FromResult<IReadOnlyList<string>>(_registered.Order(StringComparer.Ordinal).ToArray());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_report.IsFiled && TryParseDeadline(reminderName, out var kind))
        {
            await OnDeadlineAsync(kind);
        }

        if (_report.IsFiled)
        {
            await SyncReadModelsAsync();
        }
        else
        {
            // Left behind by a filing that crashed before its state was written.
            await UnregisterAsync(reminderName);
        }
    }

    private async Task OnDeadlineAsync(DeadlineKind kind)
    {
        var before = _report.State.Status;
        var outcome = _report.OnDeadline(kind, clock.UtcNow);
        switch (outcome)
        {
            case DeadlineOutcome.NotYetDue:
                await ArmPendingDeadlinesAsync();
                break;
            case DeadlineOutcome.Missed:
                await PersistAsync(before);
                metrics.DeadlineMissed(kind);
                logger.LogWarning("Report {TrackingId} missed its {Deadline} deadline", _report.TrackingId, kind);
                break;
            case DeadlineOutcome.Closed:
                await PersistAsync(before);
                logger.LogInformation("Report {TrackingId} closed: no reply within the closing period", _report.TrackingId);
                break;
        }
    }

    private async Task LoadRemindersAsync()
    {
        foreach (var reminder in await this.GetReminders())
        {
            _registered.Add(reminder.ReminderName);
        }
    }

    private async Task ArmPendingDeadlinesAsync()
    {
        var now = clock.UtcNow;
        foreach (var deadline in _report.PendingDeadlines)
        {
            var name = ReminderName(deadline.Kind);
            var untilDue = deadline.DueAt - now;
            var horizon = deadlines.Options.ReminderHorizon;
            var armFor = untilDue > horizon ? now + horizon : deadlines.TickAt(deadline, _report.TrackingId);
            if (_registered.Contains(name) && _armedFor.TryGetValue(name, out var armed) && armed == armFor)
            {
                continue;
            }

            var dueTime = armFor > now ? armFor - now : TimeSpan.Zero;
            await this.RegisterOrUpdateReminder(name, dueTime, deadlines.Options.ReminderRetryPeriod);
            _registered.Add(name);
            _armedFor[name] = armFor;
        }
    }

    /// <summary>Before a state write: some reminder must exist, so a crash before the read models caught up is repaired.</summary>
    private async Task EnsureRetryReminderAsync()
    {
        if (_registered.Count == 0)
        {
            await ArmRetryReminderAsync();
        }
    }

    /// <summary>
    /// After a failed read-model update: retry within <see cref="DeadlineOptions.ReminderRetryPeriod"/>, whatever other
    /// reminders exist (a deadline reminder may be a day away, and the report would stay out of the queues until then).
    /// </summary>
    private async Task ArmRetryReminderAsync()
    {
        if (!_registered.Contains(RetryReminder))
        {
            await this.RegisterOrUpdateReminder(RetryReminder, deadlines.Options.ReminderRetryPeriod, deadlines.Options.ReminderRetryPeriod);
            _registered.Add(RetryReminder);
        }
    }

    private async Task RemoveStaleRemindersAsync()
    {
        var wanted = _report.PendingDeadlines.Select(d => ReminderName(d.Kind)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in _registered.Where(n => !wanted.Contains(n)).ToArray())
        {
            await UnregisterAsync(name);
        }
    }

    private async Task UnregisterAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _registered.Remove(name);
        _armedFor.Remove(name);
    }

    private static string ReminderName(DeadlineKind kind) => DeadlinePrefix + kind.ToString().ToLowerInvariant();

    private static bool TryParseDeadline(string reminderName, out DeadlineKind kind)
    {
        kind = default;
        return reminderName.StartsWith(DeadlinePrefix, StringComparison.Ordinal)
               && Enum.TryParse(reminderName[DeadlinePrefix.Length..], ignoreCase: true, out kind);
    }
}
