using Lapor.Hub.Collections;
using Lapor.Hub.Tracking;

namespace Lapor.Hub.Reports;

public enum DeadlineOutcome { NotPending, NotYetDue, Missed, Closed }

/// <summary>
/// The report lifecycle: every rule that changes a report, over its stored <see cref="ReportState"/>.
/// Each method either refuses with a <see cref="ReportRuleViolation"/> and changes nothing, or applies
/// the whole change, bumps the version and records it in the history.
/// </summary>
public sealed class Report(ReportState state, DeadlinePolicy deadlines)
{
    private const int HandledCommandsKept = 64;

    public ReportState State => state;

    public bool IsFiled => state.TrackingId is not null;

    public string TrackingId => state.TrackingId ?? throw NotFiled();

    public bool IsOverdue => state.Deadlines.Any(d => d.IsMissed);

    /// <summary>Deadlines that still need a reminder: not missed, not paused.</summary>
    public IEnumerable<Deadline> PendingDeadlines => state.Deadlines.Where(d => !d.IsMissed && !d.IsPaused);

    private RecentKeys<string> HandledCommands => RecentKeys<string>.InArrivalOrder(state.HandledCommands, HandledCommandsKept);

    public bool HasHandled(IReportCommand command) =>
        command.CommandId is { } id && HandledCommands.Contains(id);

    public void File(
        TrackingId id, ReportSubmission submission, string filingKey, string reporterKeyHash, DateTimeOffset now,
        Routing.RoutingSuggestion? suggestion = null)
    {
        if (IsFiled)
        {
            throw new ReportRuleViolation(ReportRuleViolation.AlreadyFiled, $"Report {state.TrackingId} is already filed.");
        }

        RequireAddressFromItsConversation(submission, filingKey);

        state.TrackingId = id.Value;
        state.Submission = submission.Cleaned();
        state.FilingKey = filingKey;
        state.ReporterKeyHash = reporterKeyHash;
        state.FiledAt = now;
        state.Suggestion = suggestion;
        state.Status = ReportStatus.Submitted;
        state.Deadlines = [deadlines.Start(DeadlineKind.Verification, now, deadlines.DefaultZone)];
        Record(now, ReportEventKind.Filed, Actor.Citizen(submission.ReporterAddress ?? "anonymous"));
    }

    /// <summary>
    /// A report that carries a chat address makes the hub message that chat and lets it answer on the report, so
    /// only that chat's own conversation may file it: its filing key is "{channel}:{address}:{draft}" (ADR 0010).
    /// </summary>
    private static void RequireAddressFromItsConversation(ReportSubmission submission, string filingKey)
    {
        if (submission.ReporterAddress is { } address && !filingKey.StartsWith($"{submission.Channel}:{address}:", StringComparison.Ordinal))
        {
            throw new ReportRuleViolation(ReportRuleViolation.UnverifiedAddress,
                $"A report for {submission.Channel} address '{address}' can only be filed from that conversation.");
        }
    }

    public void RequestClarification(RequestClarification command, DateTimeOffset now)
    {
        Begin(ReportAction.RequestClarification, command, ActorKind.Admin);
        RequireText(command.Question, "question");
        state.Status = ReportStatus.NeedsClarification;
        Replace(DeadlineKind.Verification, d => d with { PausedAt = now });
        Record(now, ReportEventKind.ClarificationRequested, command.Actor, command, text: command.Question);
    }

    public void Forward(ForwardReport command, TimeZoneInfo agencyZone, DateTimeOffset now)
    {
        Begin(ReportAction.Forward, command, ActorKind.Admin);
        RequireText(command.CategoryCode, "categoryCode");
        state.Status = ReportStatus.Forwarded;
        state.AgencyCode = command.AgencyCode;
        state.CategoryCode = command.CategoryCode;
        state.Deadlines = [deadlines.Start(DeadlineKind.FollowUp, now, agencyZone)];
        Record(now, ReportEventKind.Forwarded, command.Actor, command, text: command.Note,
            agencyCode: command.AgencyCode, categoryCode: command.CategoryCode);
    }

    public void Reject(RejectReport command, DateTimeOffset now)
    {
        Begin(ReportAction.Reject, command, ActorKind.Admin);
        if (command.Reason == RejectionReason.Duplicate)
        {
            if (command.DuplicateOf is null || !Tracking.TrackingId.TryParse(command.DuplicateOf, out var original))
            {
                throw Invalid("duplicateOf: a duplicate names the valid tracking ID of the original report.");
            }

            if (original.Value == state.TrackingId)
            {
                throw Invalid("duplicateOf: a report cannot duplicate itself.");
            }
        }

        state.Status = ReportStatus.Rejected;
        state.Deadlines = [];
        var duplicateOf = command.DuplicateOf is null ? null : Tracking.TrackingId.Parse(command.DuplicateOf).Value;
        Record(now, ReportEventKind.Rejected, command.Actor, command, text: command.Explanation,
            rejection: command.Reason, duplicateOf: duplicateOf);
    }

    public void PostFollowUp(PostFollowUp command, DateTimeOffset now)
    {
        Begin(ReportAction.PostFollowUp, command, ActorKind.AgencyOfficer);
        if (command.Actor.AgencyCode != state.AgencyCode)
        {
            throw new ReportRuleViolation(ReportRuleViolation.WrongAgency,
                $"Report {TrackingId} is with agency {state.AgencyCode}; {command.Actor.AgencyCode} cannot follow it up.");
        }

        RequireText(command.Text, "text");
        if (command.MediaIds is { Count: > ReportSubmission.MaxMedia })
        {
            throw Invalid($"At most {ReportSubmission.MaxMedia} attachments.");
        }

        var zone = AgencyZone();
        state.Status = ReportStatus.FollowedUp;
        state.Deadlines = [deadlines.Start(DeadlineKind.Closing, now, zone)];
        Record(now, ReportEventKind.FollowUpPosted, command.Actor, command, text: command.Text, agencyCode: state.AgencyCode,
            mediaIds: command.MediaIds is { Count: > 0 } media ? [.. media] : null);
    }

    /// <summary>
    /// A message in the thread. The citizen's reply to a pending question answers it and restarts
    /// verification; any reply after a follow-up restarts the closing clock.
    /// </summary>
    public void Reply(PostReply command, DateTimeOffset now)
    {
        if (command.Actor.Kind is not (ActorKind.Citizen or ActorKind.Admin))
        {
            throw Invalid("Only the citizen or an admin replies; agencies post follow-ups.");
        }

        var answersQuestion = state.Status == ReportStatus.NeedsClarification && command.Actor.Kind == ActorKind.Citizen;
        Begin(answersQuestion ? ReportAction.ProvideClarification : ReportAction.Reply, command, command.Actor.Kind);
        RequireText(command.Text, "text");
        if (answersQuestion)
        {
            state.Status = ReportStatus.Submitted;
            Replace(DeadlineKind.Verification, d => deadlines.Resume(d, now));
            Record(now, ReportEventKind.ClarificationProvided, command.Actor, command, text: command.Text);
            return;
        }

        if (state.Status == ReportStatus.FollowedUp)
        {
            state.Deadlines = [deadlines.Start(DeadlineKind.Closing, now, AgencyZone())];
        }

        Record(now, ReportEventKind.ReplyPosted, command.Actor, command, text: command.Text);
    }

    /// <summary>A deadline's reminder fired. Idempotent: firing late, early or twice changes the report at most once.</summary>
    public DeadlineOutcome OnDeadline(DeadlineKind kind, DateTimeOffset now)
    {
        var deadline = state.Deadlines.FirstOrDefault(d => d.Kind == kind);
        if (deadline is null || deadline.IsMissed || deadline.IsPaused)
        {
            return DeadlineOutcome.NotPending;
        }

        if (!deadline.IsDue(now))
        {
            return DeadlineOutcome.NotYetDue;
        }

        if (kind == DeadlineKind.Closing)
        {
            ReportTransitions.Ensure(TrackingId, state.Status, ReportAction.Close);
            state.Status = ReportStatus.Closed;
            state.Deadlines = [];
            Record(now, ReportEventKind.Closed, Actor.System, deadline: kind);
            return DeadlineOutcome.Closed;
        }

        Replace(kind, d => d with { MissedAt = now });
        Record(now, ReportEventKind.DeadlineMissed, Actor.System, deadline: kind);
        return DeadlineOutcome.Missed;
    }

    private void Begin(ReportAction action, IReportCommand command, ActorKind requiredActor)
    {
        ReportTransitions.Ensure(TrackingId, state.Status, action);
        if (command.Actor.Kind != requiredActor)
        {
            throw Invalid($"'{action}' is done by {requiredActor}, not {command.Actor.Kind}.");
        }
    }

    private TimeZoneInfo AgencyZone() =>
        Calendar.IndonesianTimeZones.Resolve(
            state.Deadlines.FirstOrDefault()?.TimeZone ?? deadlines.DefaultZone.Id);

    private void Replace(DeadlineKind kind, Func<Deadline, Deadline> change) =>
        state.Deadlines = state.Deadlines.Select(d => d.Kind == kind ? change(d) : d).ToList();

    private void Record(
        DateTimeOffset now, ReportEventKind kind, Actor actor, IReportCommand? command = null, string? text = null,
        DeadlineKind? deadline = null, string? agencyCode = null, string? categoryCode = null,
        RejectionReason? rejection = null, string? duplicateOf = null, IReadOnlyList<string>? mediaIds = null)
    {
        state.Version++;
        state.History.Add(new ReportEvent(state.History.Count + 1, now, kind, actor, state.Status, InputText.CleanOrNull(text)?.Trim(), deadline,
            agencyCode, categoryCode, rejection, duplicateOf, mediaIds));
        if (command?.CommandId is { } id)
        {
            HandledCommands.Remember(id);
        }
    }

    private static void RequireText(string? value, string field)
    {
        var errors = new InputErrors();
        errors.RequireLength(field, value, 1, MessageLimits.MaxMessageLength);
        errors.ThrowIfAny();
    }

    private static ReportRuleViolation Invalid(string message) => new(ReportRuleViolation.Invalid, message);

    private static ReportRuleViolation NotFiled() => new(ReportRuleViolation.NotFound, "No report has been filed under this tracking ID.");
}
