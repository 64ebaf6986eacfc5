using Lapor.Hub.Channels.Media;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Tracking;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;
using Microsoft.AspNetCore.Http;

namespace Lapor.Hub.Web.Media;

/// <summary>
/// A file that belongs to a report is served under that report's viewer rules (<see cref="ReportAccess"/> through
/// <see cref="ReportReader"/>, which also records openings of secret reports): to the public only once the report is
/// published, otherwise to its reporter, the admins and the agency it was forwarded to, or to a holder of a grant one
/// of them was given. A file no report claimed is served to whoever holds its random link (its uploader) until it is
/// swept away.
/// </summary>
public sealed class ReportMediaAccess(IReportMediaOwners owners, ReportReader reader, MediaGrants grants) : IMediaAccessPolicy
{
    public async Task<MediaAccess> DecideAsync(string mediaId, HttpContext context)
    {
        var owner = await owners.FindOwnerAsync(mediaId, context.RequestAborted);
        if (owner is null)
        {
            return MediaAccess.Private;
        }

        if (grants.Allows(context.Request.Query[MediaGrants.QueryName], mediaId))
        {
            return MediaAccess.Private;
        }

        if (!TrackingId.TryParse(owner, out var trackingId) || await reader.ReadAsync(context, trackingId) is not { ShowsContent: true } visible)
        {
            return MediaAccess.Denied;
        }

        return visible.Report.IsPublished ? MediaAccess.Public : MediaAccess.Private;
    }
}
