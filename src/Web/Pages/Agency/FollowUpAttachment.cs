using Lapor.Hub.Channels.Media;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Web.Media;
using Microsoft.AspNetCore.Http;

namespace Lapor.Hub.Web.Pages.Agency;

/// <summary>
/// A photo or PDF an officer attaches to a follow-up. A follow-up carries only text, so the file is stored in the media
/// store and its link goes into the text: the citizen gets it in their chat like any other link.
/// </summary>
public static class FollowUpAttachment
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>The whole form: the file plus the text and the form fields.</summary>
    public const long MaxRequestBytes = MaxBytes + 64 * 1024;

    public const string Accept = "image/jpeg,image/png,image/webp,application/pdf";

    public static bool IsPresent(IFormFile? file) => file is { Length: > 0 };

    public static bool IsTooLarge(IFormFile file) => file.Length > MaxBytes;

    /// <summary>How long the link in a follow-up of a report that is not public opens its file (the citizen reads it in their chat).</summary>
    public static readonly TimeSpan PrivateLinkLifetime = TimeSpan.FromDays(90);

    /// <summary>
    /// Stores the file (its real type is sniffed from its bytes), records it as the report's, and returns its address, or
    /// null when the store refuses it. Only a published report's file is public; otherwise the link carries a grant.
    /// </summary>
    public static async Task<string?> SaveAsync(
        IFormFile file, IMediaStore media, IReportMediaOwners owners, MediaGrants grants, ReportView report, HttpRequest request,
        CancellationToken cancellationToken)
    {
        MediaFile stored;
        try
        {
            await using var content = file.OpenReadStream();
            stored = await media.SaveAsync(content, file.ContentType, file.FileName, cancellationToken);
        }
        catch (MediaRejectedException)
        {
            return null;
        }

        await owners.RecordAsync(report.TrackingId, [stored.Id], cancellationToken);
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return report.IsPublished
            ? MediaEndpoints.PublicUrl(baseUrl, stored.Id)
            : baseUrl + grants.Link(stored.Id, PrivateLinkLifetime);
    }
}
