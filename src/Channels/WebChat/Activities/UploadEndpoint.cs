using System.Text;
using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Channels.Media;
using Lapor.Hub.Channels.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>
/// <c>POST …/upload</c>: a multipart body with an optional part "activity" (the message without its files) and
/// one part per file. Each file streams into the <see cref="IMediaStore"/>; the stored activity links the public copies.
/// </summary>
internal static class UploadEndpoint
{
    private const int MultipartOverheadBytes = 64 * 1024;

    /// <summary>
    /// Web Chat puts a data-URI thumbnail of each photo in the "activity" part (tens of kilobytes); it is replaced by a
    /// link to the public copy, so only the part may be this large, not the activity kept.
    /// </summary>
    private const int ActivityPartMaxBytes = 1024 * 1024;

    public static void MapUploadEndpoint(this RouteGroupBuilder directLine) =>
        directLine.MapPost("/conversations/{conversationId}/upload", UploadAsync);

    private static async Task<IResult> UploadAsync(
        string conversationId, HttpContext context, DirectLineTokenService tokens, UserActivityProcessor processor,
        IMediaStore store, DirectLineRateLimits limits, MediaGrants grants, IOptions<WebChatOptions> webChat, IOptions<MediaOptions> media)
    {
        if (DirectLineAuthorization.Authorize(context, tokens, conversationId, out var grant) is { } refused)
        {
            return refused;
        }

        if (limits.Refuse(context, (DirectLineLimit.Upload, conversationId), (DirectLineLimit.UploadPerAddress, ClientAddress.Of(context))) is { } throttled)
        {
            return throttled;
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || !"multipart/form-data".Equals(contentType.MediaType.Value, StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return DirectLineResults.BadRequest("An upload must be multipart/form-data.");
        }

        // The host's body limit is sized for JSON; an upload may carry several files up to the media limit each.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = (webChat.Value.MaxFilesPerUpload * media.Value.MaxBytes) + ActivityPartMaxBytes + MultipartOverheadBytes;
        }

        var parts = await ReadPartsAsync(new MultipartReader(boundary, context.Request.Body), store, webChat.Value, context.RequestAborted);
        if (parts.Problem is not null)
        {
            return parts.Problem;
        }

        var activity = UserActivityReader.Read(parts.ActivityJson, grant, webChat.Value, attachmentsAllowed: true, out var error);
        if (activity is null || UserActivityReader.TypeOf(activity) != "message")
        {
            return DirectLineResults.BadRequest(error ?? "Only a message can carry files.");
        }

        // The citizen's own photo stays visible in their chat after a report claims it, even one the public may not see.
        activity["attachments"] = ActivityJson.Attachments(parts.Files, PublicAddress.HttpBase(context.Request, webChat.Value),
            file => grants.Link(file.Id, MediaGrants.ChatLifetime));
        return Encoding.UTF8.GetByteCount(activity.ToJsonString()) > webChat.Value.MaxActivityBytes
            ? DirectLineResults.BadRequest($"The activity is larger than {webChat.Value.MaxActivityBytes / 1024} KB.")
            : ActivityEndpoints.Answer(await processor.PostAsync(conversationId, activity, parts.Files));
    }

    private static async Task<UploadParts> ReadPartsAsync(
        MultipartReader reader, IMediaStore store, WebChatOptions options, CancellationToken cancellationToken)
    {
        var activityJson = """{"type":"message"}"""u8.ToArray();
        var files = new List<MediaFile>();
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                if (disposition?.Name.Value == "activity")
                {
                    activityJson = await BoundedBody.ReadAsync(section.Body, ActivityPartMaxBytes, cancellationToken)
                        ?? throw new MediaRejectedException($"The activity part is larger than {ActivityPartMaxBytes / 1024} KB.");
                    continue;
                }

                if (files.Count == options.MaxFilesPerUpload)
                {
                    throw new MediaRejectedException($"Kirim paling banyak {options.MaxFilesPerUpload} berkas sekaligus. "
                        + $"(At most {options.MaxFilesPerUpload} files per message.)");
                }

                var fileName = disposition?.FileNameStar.Value ?? disposition?.FileName.Value;
                files.Add(await store.SaveAsync(section.Body, section.ContentType ?? "application/octet-stream", fileName, cancellationToken));
            }
        }
        catch (MediaRejectedException rejected)
        {
            return UploadParts.Refused(DirectLineResults.BadRequest(rejected.Message));
        }
        catch (InvalidDataException malformed)
        {
            return UploadParts.Refused(DirectLineResults.BadRequest($"The multipart body cannot be read: {malformed.Message}"));
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return UploadParts.Refused(DirectLineResults.Error(StatusCodes.Status413PayloadTooLarge, "BadArgument", "The upload is too large."));
        }
        catch (IOException truncated) when (!cancellationToken.IsCancellationRequested)
        {
            // A body that ends inside a part (found by the fuzz harness; it answered 500). Files stored before the cut stay
            // unlinked in the media store, like any upload whose message is never sent.
            return UploadParts.Refused(DirectLineResults.BadRequest($"The multipart body ends too early: {truncated.Message}"));
        }

        return files.Count == 0
            ? UploadParts.Refused(DirectLineResults.BadRequest("The upload carries no file."))
            : new UploadParts(activityJson, files, Problem: null);
    }

    private sealed record UploadParts(byte[] ActivityJson, List<MediaFile> Files, IResult? Problem)
    {
        public static UploadParts Refused(IResult problem) => new([], [], problem);
    }
}
