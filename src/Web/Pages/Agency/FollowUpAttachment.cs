using Lapor.Hub.Channels.Media;
using Lapor.Hub.Channels.Messages;
using Microsoft.AspNetCore.Http;

namespace Lapor.Hub.Web.Pages.Agency;

/// <summary>
/// A photo or PDF an officer attaches to a follow-up. The file goes to the media store and the follow-up carries its id:
/// the report claims it, pages link it under the report's viewer rules, the citizen's channel sends it as a photo or file.
/// </summary>
public static class FollowUpAttachment
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>The whole form: the file plus the text and the form fields.</summary>
    public const long MaxRequestBytes = MaxBytes + 64 * 1024;

    public const string Accept = "image/jpeg,image/png,image/webp,application/pdf";

    public static bool IsPresent(IFormFile? file) => file is { Length: > 0 };

    public static bool IsTooLarge(IFormFile file) => file.Length > MaxBytes;

    /// <summary>Stores the file (its real type is sniffed from its bytes), or null when the store refuses it.</summary>
    public static async Task<MediaFile?> SaveAsync(IFormFile file, IMediaStore media, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = file.OpenReadStream();
            return await media.SaveAsync(content, file.ContentType, file.FileName, cancellationToken);
        }
        catch (MediaRejectedException)
        {
            return null;
        }
    }
}
