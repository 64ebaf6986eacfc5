using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.WhatsApp.Cloud;

/// <summary>
/// The few Graph API calls the hub makes, with the business number's bearer token: send a message
/// (POST /{phone-number-id}/messages) and fetch a citizen's media (GET /{media-id}, then its short-lived URL).
/// </summary>
internal sealed class WhatsAppCloudApi(IHttpClientFactory clients, IOptions<WhatsAppCloudOptions> options)
{
    public const string HttpClientName = "whatsapp-cloud";

    private WhatsAppCloudOptions Options => options.Value;

    /// <summary>Posts one message payload; Meta's refusal comes back as <see cref="CloudSendResult.Error"/>, network failures throw.</summary>
    public async Task<CloudSendResult> SendAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{BaseUrl}/{Options.PhoneNumberId}/messages")
        {
            Content = JsonContent.Create(payload, options: CloudJson.Options),
        };
        using var response = await SendAuthorizedAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode && TryRead<CloudSendResponse>(body) is { Messages: [{ Id: { Length: > 0 } id }, ..] })
        {
            return new CloudSendResult(id, null);
        }

        var error = TryRead<CloudErrorResponse>(body)?.Error;
        return new CloudSendResult(null, new CloudApiError(
            response.StatusCode,
            error?.Code ?? 0,
            error?.Message ?? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}",
            error?.ErrorData?.Details,
            response.Headers.RetryAfter?.Delta));
    }

    /// <summary>Copies the media <paramref name="mediaId"/> into <paramref name="destination"/>; null if Meta no longer has it or it is too large.</summary>
    public async Task<CloudMediaInfo?> DownloadMediaAsync(string mediaId, Stream destination, CancellationToken cancellationToken)
    {
        using var lookup = new HttpRequestMessage(HttpMethod.Get, $"{BaseUrl}/{Uri.EscapeDataString(mediaId)}");
        using var found = await SendAuthorizedAsync(lookup, cancellationToken);
        if (IsGone(found.StatusCode))
        {
            return null;
        }

        found.EnsureSuccessStatusCode();
        var info = await found.Content.ReadFromJsonAsync<CloudMediaInfo>(CloudJson.Options, cancellationToken);
        if (info is not { Url: { Length: > 0 } url } || !Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http"))
        {
            throw new InvalidDataException($"Meta's answer for media {mediaId} has no usable url.");
        }

        if (info.FileSize > Options.MaxMediaBytes)
        {
            return null;
        }

        using var download = new HttpRequestMessage(HttpMethod.Get, address);
        using var content = await SendAuthorizedAsync(download, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (IsGone(content.StatusCode))
        {
            return null;
        }

        content.EnsureSuccessStatusCode();
        if (content.Content.Headers.ContentLength > Options.MaxMediaBytes)
        {
            return null;
        }

        await using var source = await content.Content.ReadAsStreamAsync(cancellationToken);
        return await CopyBoundedAsync(source, destination, Options.MaxMediaBytes, cancellationToken) ? info : null;
    }

    private string BaseUrl => Options.ApiBaseUrl.TrimEnd('/');

    private async Task<HttpResponseMessage> SendAuthorizedAsync(
        HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.AccessToken);
        var client = clients.CreateClient(HttpClientName);
        return await client.SendAsync(request, completion, cancellationToken);
    }

    private static bool IsGone(HttpStatusCode status) => status is HttpStatusCode.NotFound or HttpStatusCode.Gone;

    private static async Task<bool> CopyBoundedAsync(Stream source, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                return false;
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return true;
    }

    private static T? TryRead<T>(string body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, CloudJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal sealed record CloudSendResult(string? MessageId, CloudApiError? Error);

/// <summary>Meta's error object: {"error": {"message", "type", "code", "error_data": {"details"}, "fbtrace_id"}}.</summary>
internal sealed record CloudApiError(HttpStatusCode HttpStatus, int Code, string Message, string? Details, TimeSpan? RetryAfter);

internal sealed record CloudSendResponse(string? MessagingProduct, IReadOnlyList<CloudSentMessage>? Messages);

internal sealed record CloudSentMessage(string? Id);

internal sealed record CloudErrorResponse(CloudErrorBody? Error);

internal sealed record CloudErrorBody(string? Message, string? Type, int Code, CloudErrorData? ErrorData, string? FbtraceId);

/// <summary>GET /{media-id}: {"messaging_product", "url", "mime_type", "sha256", "file_size", "id"}.</summary>
internal sealed record CloudMediaInfo(string? Url, string? MimeType, string? Sha256, long? FileSize, string? Id);
