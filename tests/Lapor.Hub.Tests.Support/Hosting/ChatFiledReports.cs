using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Filing;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Hosting;

/// <summary>
/// Reports that carry a chat address, for tests of who may see that address. The public API can no longer attach one
/// (ADR 0010), so these are filed the way a citizen's conversation files them: through the filing grain, under that
/// conversation's filing key "{channel}:{address}:{draft}". The flow tests file through the real chat dialog instead.
/// </summary>
public static class ChatFiledReports
{
    public const string Channel = "telegram";

    /// <summary>Files as the conversation with <paramref name="address"/> would and returns the display tracking ID and reporter key.</summary>
    public static async Task<(string TrackingId, string ReporterKey)> FileFromChatAsync(
        this InProcessHub hub, string address, string text, string title, string reporterName, bool secret = false, bool anonymous = false)
    {
        var submission = new ReportSubmission(text, title, new GeoPoint(-7.2575, 112.7521), "35.78", anonymous, secret, Channel, address, reporterName);
        var grains = hub.Services.GetRequiredService<IGrainFactory>();
        var filed = await grains.GetGrain<IReportFilingGrain>($"{Channel}:{address}:{Guid.NewGuid():N}").File(submission);
        return (Lapor.Hub.Tracking.TrackingId.Parse(filed.Report.TrackingId).ToDisplayString(), filed.ReporterKey!);
    }
}
