using Lapor.Hub.Agencies;
using Lapor.Hub.Calendar;
using Lapor.Hub.Categories;
using Lapor.Hub.Regions;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Routing;
using Lapor.Hub.Telemetry;
using Lapor.Hub.Time;
using Lapor.Hub.Tracking;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Reports;

/// <summary>
/// One report. Applies commands through <see cref="Report"/>, persists, then brings the query table and
/// the agency up to date; deadlines are enforced by reminders (see ReportGrain.Deadlines.cs).
/// </summary>
[GrainType("report")]
public sealed partial class ReportGrain(
    [PersistentState("report", GrainStorage.Name)] IPersistentState<ReportState> stored,
    DeadlinePolicy deadlines,
    RegionCatalog regions,
    ChannelCatalog channels,
    HubClock clock,
    IReportReadModel readModel,
    IRoutingSuggester routing,
    IRoutingFeedbackStore routingFeedback,
    IReportNotifier notifier,
    CategoryCatalog categories,
    HubMetrics metrics,
    ILogger<ReportGrain> logger) : Grain, IReportGrain, IRemindable
{
    private Report _report = null!;
    private int _syncedVersion = -1;
    private int _indexedVersion = -1;
    private int _notifiedThrough;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _report = new Report(stored.State, deadlines);
        if (stored.RecordExists)
        {
            // A report being filed has no reminders to know of: a crashed earlier attempt could only have left its
            // verification reminder, which filing registers again under the same name.
            await LoadRemindersAsync();
        }

        if (_report.IsFiled)
        {
            // Repairs the read models if the last activation stopped between writing state and updating them.
            await SyncReadModelsAsync();
        }
    }

    public async Task<FiledReport> File(ReportSubmission submission, string filingKey, string reporterKey)
    {
        if (_report.IsFiled)
        {
            return stored.State.FilingKey == filingKey
                ? new FiledReport(View(), reporterKey, WasAlreadyFiled: true)
                : throw new ReportRuleViolation(ReportRuleViolation.AlreadyFiled, $"Tracking ID {_report.TrackingId} is taken.");
        }

        submission = submission.Cleaned();
        var errors = submission.Validate(regions, channels);
        if (errors.Count > 0)
        {
            throw new ReportRuleViolation(ReportRuleViolation.Invalid,
                string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }

        var id = TrackingId.Parse(this.GetPrimaryKeyString());
        _report.File(id, submission, filingKey, ReporterKeys.Hash(reporterKey), clock.UtcNow, SuggestRouting(submission));
        await PersistAsync(ReportStatus.Submitted);
        metrics.ReportFiled(submission.Channel);
        logger.LogInformation("Report {TrackingId} filed via {Channel}; verification due {DueAt}",
            id.Value, submission.Channel, _report.State.Deadlines[0].DueAt);
        return new FiledReport(View(), reporterKey, WasAlreadyFiled: false);
    }

    public Task<ReportView?> Get() => Task.FromResult(_report.IsFiled ? View() : null);

    public Task<bool> IsReporter(string reporterKey) =>
        Task.FromResult(_report.IsFiled && ReporterKeys.Matches(stored.State.ReporterKeyHash, reporterKey));

    public Task<ReportView> RequestClarification(RequestClarification command) =>
        Apply(command, (report, now) => report.RequestClarification(command, now));

    public async Task<ReportView> Forward(ForwardReport command)
    {
        if (!categories.Contains(command.CategoryCode))
        {
            throw new ReportRuleViolation(ReportRuleViolation.UnknownCategory, $"No category has the code '{command.CategoryCode}'.");
        }

        var agency = await GrainFactory.GetGrain<IAgencyGrain>(command.AgencyCode).Get()
            ?? throw new ReportRuleViolation(ReportRuleViolation.UnknownAgency, $"No agency has the code '{command.AgencyCode}'.");
        var zone = IndonesianTimeZones.Resolve(agency.Profile.TimeZone);
        return await Apply(command, (report, now) => report.Forward(command, zone, now));
    }

    public Task<ReportView> Reject(RejectReport command) => Apply(command, (report, now) => report.Reject(command, now));

    public Task<ReportView> PostFollowUp(PostFollowUp command) => Apply(command, (report, now) => report.PostFollowUp(command, now));

    public Task<ReportView> Reply(PostReply command) => Apply(command, (report, now) => report.Reply(command, now));

    public async Task RecordDelivery(NotificationDelivery delivery)
    {
        if (!_report.IsFiled || delivery.Sequence < 1 || delivery.Sequence > stored.State.History.Count)
        {
            return;
        }

        if (delivery.Supersedes(stored.State.Deliveries.GetValueOrDefault(delivery.Sequence)))
        {
            stored.State.Deliveries[delivery.Sequence] = delivery;
            await stored.WriteStateAsync();
        }
    }

    private async Task<ReportView> Apply(IReportCommand command, Action<Report, DateTimeOffset> change)
    {
        if (!_report.IsFiled)
        {
            throw new ReportRuleViolation(ReportRuleViolation.NotFound, $"No report has been filed under {this.GetPrimaryKeyString()}.");
        }

        if (_report.HasHandled(command))
        {
            return View();
        }

        var before = _report.State.Status;
        change(_report, clock.UtcNow);
        await PersistAsync(before);
        logger.LogInformation("Report {TrackingId}: {Command} by {ActorKind} {ActorId}; now {Status}",
            _report.TrackingId, command.GetType().Name, command.Actor.Kind, command.Actor.Id, _report.State.Status);
        return View();
    }

    /// <summary>
    /// Order matters for crash safety: reminders for the new deadlines exist before the state is written,
    /// and stale reminders are removed only after the read models caught up, so a crash at any point
    /// leaves a reminder that will reactivate this grain and finish the job.
    /// </summary>
    private async Task PersistAsync(ReportStatus before)
    {
        await ArmPendingDeadlinesAsync();
        await EnsureRetryReminderAsync();
        var entry = ReportIndexEntry.From(View());
        try
        {
            // The query-table row rides with the state write where the database can (one commit, not two; ADR 39).
            using var indexed = readModel.WriteWithNextState(entry);
            await stored.WriteStateAsync();
            if (indexed.Written)
            {
                _indexedVersion = entry.Version;
            }
        }
        catch
        {
            // The in-memory report holds a change that was not stored: start over from storage.
            DeactivateOnIdle();
            throw;
        }

        metrics.StatusChanged(before, _report.State.Status);
        await SyncReadModelsAsync();
    }

    private async Task SyncReadModelsAsync()
    {
        var view = View();
        if (view.Version == _syncedVersion)
        {
            return;
        }

        try
        {
            if (view.Version != _indexedVersion)
            {
                await readModel.UpsertAsync(ReportIndexEntry.From(view));
                _indexedVersion = view.Version;
            }

            if (view.ToRoutingFeedback() is { } feedback)
            {
                await routingFeedback.UpsertAsync(feedback);
            }

            if (view.AgencyCode is { } agencyCode)
            {
                await GrainFactory.GetGrain<IAgencyGrain>(agencyCode).TrackReport(
                    new AgencyReportUpdate(view.TrackingId, view.Version, !view.Status.IsTerminal(), view.IsOverdue, view.Submission.IsSecret));
            }

            await NotifyCitizenAsync(view);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Report {TrackingId} v{Version}: read models not updated; will retry from a reminder",
                view.TrackingId, view.Version);
            await ArmRetryReminderAsync();
            return;
        }

        _syncedVersion = view.Version;
        await RemoveStaleRemindersAsync();
    }

    private async Task NotifyCitizenAsync(ReportView view)
    {
        foreach (var entry in view.History.Where(e => e.Sequence > _notifiedThrough))
        {
            if (entry.ConcernsCitizen())
            {
                await notifier.NotifyAsync(view, entry);
            }

            _notifiedThrough = entry.Sequence;
        }
    }

    /// <summary>A model failure must never stop a citizen from filing: the admin then routes without a suggestion.</summary>
    private RoutingSuggestion? SuggestRouting(ReportSubmission submission)
    {
        try
        {
            return routing.Suggest(submission.Text, submission.RegionCode);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Routing suggestion failed; filing without one");
            return null;
        }
    }

    private ReportView View() => ReportView.From(stored.State);
}
