using Lapor.Hub.Channels.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Lapor.Hub.Channels.Media;

public static class MediaEndpoints
{
    /// <summary>The path public copies are served under; <c>{id}</c> is the stored media id.</summary>
    public const string PublicPathPrefix = "/media/";

    /// <summary>Maps <c>GET /media/{id}</c>: the public copy of a stored file (images without their metadata).</summary>
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PublicPathPrefix + "{id}", ServePublicCopyAsync).WithName("GetMediaPublicCopy");
        return endpoints;
    }

    /// <summary>The public URL of <paramref name="mediaId"/> under <paramref name="publicBaseUrl"/> (scheme, host and path base).</summary>
    public static string PublicUrl(string publicBaseUrl, string mediaId) =>
        publicBaseUrl.TrimEnd('/') + PublicPathPrefix + Uri.EscapeDataString(mediaId);

    private static async Task<IResult> ServePublicCopyAsync(string id, IMediaStore store, HttpContext context)
    {
        var opened = await store.OpenPublicAsync(id, context.RequestAborted);
        if (opened is not { } found)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        // The id is random and its content never changes.
        headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
        return Results.Stream(found.Content, found.File.ContentType, enableRangeProcessing: true);
    }
}
