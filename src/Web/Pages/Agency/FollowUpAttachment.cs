using Lapor.Hub.Channels.Media;
using Lapor.Hub.Channels.Messages;
using Microsoft.AspNetCore.Http;

namespace Lapor.Hub.Web.Pages.Agency;

/// <summary>
/// A photo or PDF an officer attaches to a follow-up. A follow-up carries only text, so the file is stored in the media
/// store and its public link goes into the text: the citizen gets it in their chat like any other link.
/// </summary>
public static class FollowUpAttachment
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>The whole form: the file plus the text and the form fields.</summary>
    public const long MaxRequestBytes = MaxBytes + 64 * 1024;

    public const string Accept = "image/jpeg,image/png,image/webp,application/pdf";

    public static bool IsPresent(IFormFile? file) => file is { Length: > 0 };

    public static bool IsTooLarge(IFormFile file) => file.Length > MaxBytes;

    /// <summary>Stores the file (its real type is sniffed from its bytes) and returns its public address, or null when the store refuses it.</summary>
    public static async Task<string?> SaveAsync(IFormFile file, IMediaStore media, HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = file.OpenReadStream();
            var stored = await media.SaveAsync(content, file.ContentType, file.FileName, cancellationToken);
            return MediaEndpoints.PublicUrl($"{request.Scheme}://{request.Host}{request.PathBase}", stored.Id);
        }
        catch (MediaRejectedException)
        {
            return null;
        }
    }
}
