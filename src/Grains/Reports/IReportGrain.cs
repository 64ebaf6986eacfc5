using Lapor.Hub.Tracking;
using Orleans.Concurrency;

namespace Lapor.Hub.Reports;

/// <summary>One report, keyed by its canonical tracking ID.</summary>
[Alias("Lapor.Hub.IReportGrain")]
public interface IReportGrain : IGrainWithStringKey
{
    /// <summary>Files the report. Filing again with the same <paramref name="filingKey"/> returns the first filing.</summary>
    [Alias("File")]
    Task<FiledReport> File(ReportSubmission submission, string filingKey, string reporterKey);

    /// <summary>The report, or null when nothing was filed under this ID.</summary>
    [Alias("Get")]
    Task<ReportView?> Get();

    [Alias("IsReporter")]
    Task<bool> IsReporter(string reporterKey);

    [Alias("RequestClarification")]
    Task<ReportView> RequestClarification(RequestClarification command);

    [Alias("Forward")]
    Task<ReportView> Forward(ForwardReport command);

    [Alias("Reject")]
    Task<ReportView> Reject(RejectReport command);

    [Alias("PostFollowUp")]
    Task<ReportView> PostFollowUp(PostFollowUp command);

    [Alias("Reply")]
    Task<ReportView> Reply(PostReply command);

    /// <summary>
    /// Records how the message about history entry <see cref="NotificationDelivery.Sequence"/> fared; not a lifecycle
    /// change. One-way: the outbox must never wait on a report, because a report waits on its citizen's
    /// conversation, which waits on the outbox — awaiting here would close that circle.
    /// </summary>
    [Alias("RecordDelivery"), OneWay]
    Task RecordDelivery(NotificationDelivery delivery);

    /// <summary>Names of the reminders this report has registered (for operators and tests).</summary>
    [Alias("GetScheduledDeadlines")]
    Task<IReadOnlyList<string>> GetScheduledReminders();
}

public static class ReportGrainExtensions
{
    public static IReportGrain GetReport(this IGrainFactory grains, TrackingId id) => grains.GetGrain<IReportGrain>(id.Value);
}
