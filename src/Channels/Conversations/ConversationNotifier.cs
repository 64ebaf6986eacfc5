using Lapor.Hub.Agencies;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>Delivers a report's news to the conversation the citizen filed it from (reports filed through the bare API have none).</summary>
public sealed class ConversationNotifier(IGrainFactory grains, IServiceProvider services) : IReportNotifier
{
    public async Task NotifyAsync(ReportView report, ReportEvent entry)
    {
        var submission = report.Submission;
        if (submission.Channel == ChannelNames.Api || submission.ReporterAddress is null)
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
            deadline?.TimeZone, entry.Rejection, entry.DuplicateOf, await MediaOfAsync(entry), agencyCode);
        await grains.GetConversation(new ChannelAddress(submission.Channel, submission.ReporterAddress)).Notify(notice);
    }

    /// <summary>The files attached to the entry (a follow-up's photo or letter) that are still stored.</summary>
    private async Task<IReadOnlyList<MediaFile>?> MediaOfAsync(ReportEvent entry)
    {
        // Hosts without a media store (grain tests) have no files to attach.
        if (entry.MediaIds is not { Count: > 0 } ids || services.GetService(typeof(IMediaStore)) is not IMediaStore store)
        {
            return null;
        }

        var files = new List<MediaFile>();
        foreach (var id in ids)
        {
            if (await store.OpenPublicAsync(id, CancellationToken.None) is { } opened)
            {
                await opened.Content.DisposeAsync();
                files.Add(opened.File);
            }
        }

        return files.Count > 0 ? files : null;
    }
}
