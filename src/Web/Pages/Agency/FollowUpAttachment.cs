using System.Globalization;
using Lapor.Hub.Channels.Media;
using Lapor.Hub.Channels.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Web.Pages.Agency;

/// <summary>
/// A photo or PDF an officer attaches to a follow-up. The file goes to the media store and the follow-up carries its id:
/// the report claims it, pages link it under the report's viewer rules, the citizen's channel sends it as a photo or file.
/// The size limit is the media store's own (<c>Media:MaxBytes</c>), so the page promises what the store accepts.
/// </summary>
public sealed class FollowUpAttachment(IOptions<MediaOptions> options)
{
    /// <summary>Room for the text and the form fields next to the file.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    public const string Accept = "image/jpeg,image/png,image/webp,application/pdf";

    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>The whole form: the file plus the text and the form fields.</summary>
    public long MaxRequestBytes => MaxBytes + FormOverheadBytes;

    /// <summary>The limit as the officer reads it: "10", "2.5" (in MB).</summary>
    public string MaxMegabytes => (MaxBytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.CurrentCulture);

    public static bool IsPresent(IFormFile? file) => file is { Length: > 0 };

    public bool IsTooLarge(IFormFile file) => file.Length > MaxBytes;

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

    /// <summary>
    /// Limits the follow-up form's request body to <see cref="MaxRequestBytes"/>. Runs among the authorization filters,
    /// before the antiforgery check reads the form (the same place as <c>[RequestSizeLimit]</c>, whose size is fixed at compile time).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class RequestLimitAttribute : Attribute, IFilterFactory, IOrderedFilter
    {
        public bool IsReusable => true;

        public int Order => 900;

        public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
            new Limit(serviceProvider.GetRequiredService<FollowUpAttachment>());

        private sealed class Limit(FollowUpAttachment attachment) : IAuthorizationFilter
        {
            public void OnAuthorization(AuthorizationFilterContext context)
            {
                if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
                {
                    body.MaxRequestBodySize = attachment.MaxRequestBytes;
                }
            }
        }
    }
}
