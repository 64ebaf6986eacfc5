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

    private static async Task<IResult> ServePublicCopyAsync(string id, IMediaStore store, IMediaAccessPolicy access, HttpContext context)
    {
        var decision = await access.DecideAsync(id, context);
        if (decision == MediaAccess.Denied)
        {
            return Results.NotFound();
        }

        var opened = await store.OpenPublicAsync(id, context.RequestAborted);
        if (opened is not { } found)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        // The content never changes, but who may see it can (a report is published later), so nothing is cached forever;
        // a file whose access was checked for this requester is never kept by a shared cache.
        headers[HeaderNames.CacheControl] = decision == MediaAccess.Public ? "public, max-age=3600" : "private, no-store";
        return Results.Stream(found.Content, found.File.ContentType, enableRangeProcessing: true);
    }
}
