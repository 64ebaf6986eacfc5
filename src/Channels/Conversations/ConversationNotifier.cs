using Lapor.Hub.Agencies;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>Delivers a report's news to the conversation the citizen filed it from (reports filed through the bare API have none).</summary>
public sealed class ConversationNotifier(IGrainFactory grains) : IReportNotifier
{
    public async Task NotifyAsync(ReportView report, ReportEvent entry)
    {
        var submission = report.Submission;
        if (submission.Channel == "api" || submission.ReporterAddress is null)
        {
            return;
        }

        var deadline = entry.Kind switch
        {
            ReportEventKind.Filed => report.Deadline(DeadlineKind.Verification),
            ReportEventKind.Forwarded => report.Deadline(DeadlineKind.FollowUp),
            _ => null,
        };
        var agencyCode = entry.AgencyCode ?? report.AgencyCode;
        var agencyName = agencyCode is null ? null : (await grains.GetGrain<IAgencyGrain>(agencyCode).Get())?.Profile.Name ?? agencyCode;
        var notice = new ReportNotice(report.TrackingId, entry.Sequence, entry.Kind, entry.Text, agencyName, deadline?.DueAt,
            deadline?.TimeZone, entry.Rejection, entry.DuplicateOf);
        await grains.GetConversation(new ChannelAddress(submission.Channel, submission.ReporterAddress)).Notify(notice);
    }
}
