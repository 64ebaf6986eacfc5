using Lapor.Hub.Tracking;

namespace Lapor.Hub.Reports.Filing;

/// <summary>
/// Files a report nobody can retry: an API request without an Idempotency-Key. There is no key to remember, so the
/// filing grain (an activation, a read and a stored row per filing) is skipped and the tracking ID is drawn here.
/// </summary>
internal static class KeylessFiling
{
    public static async Task<FiledReport> FileAsync(IGrainFactory grains, ReportSubmission submission, string filingKey)
    {
        var reporterKey = ReporterKeys.NewKey();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await grains.GetGrain<IReportGrain>(TrackingId.NewId().Value).File(submission, filingKey, reporterKey);
            }
            catch (ReportRuleViolation taken) when (ReportFilingGrain.MayDrawAnotherId(taken, attempt))
            {
                // A random tracking ID collided with an existing report: draw another.
            }
        }
    }
}
