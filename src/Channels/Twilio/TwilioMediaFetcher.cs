using System.Globalization;
using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Twilio;

/// <summary>
/// Fetches an inbound message's media from Twilio (the account's credentials on the API host, then the redirect to
/// Twilio's storage) and keeps it in the media store, never holding more than <see cref="TwilioOptions.MaxMediaBytes"/>.
/// </summary>
public sealed class TwilioMediaFetcher(TwilioApi api, IMediaStore store, IOptions<TwilioOptions> options)
{
    /// <exception cref="MediaRejectedException">Too large, or refused by the media store; the message says why, for the citizen.</exception>
    /// <exception cref="HttpRequestException">Twilio did not serve it (retried by the inbox).</exception>
    public async Task<MediaFile> FetchAsync(Uri url, string? declaredContentType, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxMediaBytes;
        using var request = api.MediaRequest(url);
        using var response = await api.Media.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        // A temporary file rather than memory: photos run to megabytes.
        var temporary = Path.Combine(Path.GetTempPath(), $"lapor-twilio-{Guid.NewGuid():N}");
        await using var download = new FileStream(
            temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (var content = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (download.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                await download.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
            }
        }

        download.Position = 0;
        var contentType = declaredContentType ?? response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
        return await store.SaveAsync(download, contentType, fileName: null, cancellationToken);
    }

    private static MediaRejectedException TooLarge(long maxBytes) =>
        new(DialogTexts.Get(DialogTexts.Indonesian, "MediaTooLarge", (maxBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)));
}
