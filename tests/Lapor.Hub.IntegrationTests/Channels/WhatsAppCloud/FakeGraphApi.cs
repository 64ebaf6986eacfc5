using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Channels.WhatsAppCloud;

/// <summary>
/// A local stand-in for Meta's Graph API on a free loopback port, speaking the WhatsApp Cloud API's wire format
/// (developers.facebook.com/docs/whatsapp/cloud-api): POST /v21.0/{phone-number-id}/messages records each request and answers
/// {"messaging_product":"whatsapp","contacts":[…],"messages":[{"id":"wamid…"}]} or, on demand, Meta's error object;
/// GET /v21.0/{media-id} answers the media's URL, which serves the bytes. Every call must carry the bearer token.
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    public const string AccessToken = "EAAG-fake-system-user-token";
    public const string PhoneNumberId = "106540352242922";
    public const string Version = "v21.0";

    private readonly ConcurrentQueue<GraphSend> _sends = new();
    private readonly ConcurrentQueue<Func<IResult>> _failures = new();
    private readonly ConcurrentDictionary<string, (string MimeType, byte[] Content)> _media = new();
    private readonly ConcurrentQueue<string> _mediaCalls = new();
    private LoopbackServer _server = null!;

    private FakeGraphApi()
    {
    }
    private int _nextId;

    public Uri BaseUrl => _server.BaseUrl;

    /// <summary>The hub's WhatsApp:Cloud:ApiBaseUrl.</summary>
    public string ApiBaseUrl => new Uri(BaseUrl, Version).ToString();

    public IReadOnlyList<GraphSend> Sends => [.. _sends];

    /// <summary>The requests for media (lookups and downloads), as paths.</summary>
    public IReadOnlyList<string> MediaCalls => [.. _mediaCalls];

    public static async Task<FakeGraphApi> StartAsync()
    {
        var api = new FakeGraphApi();
        api._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost($"/{Version}/{{phoneNumberId}}/messages", (Func<HttpContext, string, Task<IResult>>)api.SendAsync);
            app.MapGet($"/{Version}/{{mediaId}}", (Func<HttpContext, string, IResult>)api.LookUpMedia);
            app.MapGet("/whatsapp_business/attachments/{mediaId}", (Func<HttpContext, string, IResult>)api.DownloadMedia);
        });
        return api;
    }

    /// <summary>The next <paramref name="count"/> sends answer Meta's error object with <paramref name="code"/> and HTTP <paramref name="httpStatus"/>.</summary>
    public void FailNextSends(int count, int code, string message, int httpStatus = StatusCodes.Status400BadRequest)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue(() => Error(httpStatus, code, message));
        }
    }

    /// <summary>GET /{mediaId} answers a URL that serves <paramref name="content"/>.</summary>
    public void ServeMedia(string mediaId, string mimeType, byte[] content) => _media[mediaId] = (mimeType, content);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    private async Task<IResult> SendAsync(HttpContext http, string phoneNumberId)
    {
        var body = JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync())!.AsObject();
        var authorized = IsAuthorized(http) && phoneNumberId == PhoneNumberId;
        var failure = authorized && _failures.TryDequeue(out var queued) ? queued : null;
        var id = $"wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEj{Interlocked.Increment(ref _nextId):D6}";
        _sends.Enqueue(new GraphSend(body, authorized && failure is null ? id : null, DateTimeOffset.UtcNow));
        if (!authorized)
        {
            return Error(StatusCodes.Status401Unauthorized, 190, "Invalid OAuth access token - Cannot parse access token");
        }

        return failure?.Invoke() ?? Results.Json(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = body["to"]?.GetValue<string>(), ["wa_id"] = body["to"]?.GetValue<string>() }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = id }),
        });
    }

    private IResult LookUpMedia(HttpContext http, string mediaId)
    {
        _mediaCalls.Enqueue(http.Request.Path);
        if (!IsAuthorized(http))
        {
            return Error(StatusCodes.Status401Unauthorized, 190, "Invalid OAuth access token");
        }

        if (!_media.TryGetValue(mediaId, out var media))
        {
            return Error(StatusCodes.Status400BadRequest, 100, $"Unsupported get request. Object with ID '{mediaId}' does not exist");
        }

        return Results.Json(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["url"] = new Uri(BaseUrl, $"whatsapp_business/attachments/{mediaId}?ext=1700000000").ToString(),
            ["mime_type"] = media.MimeType,
            ["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(media.Content)),
            ["file_size"] = media.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["id"] = mediaId,
        });
    }

    private IResult DownloadMedia(HttpContext http, string mediaId)
    {
        _mediaCalls.Enqueue(http.Request.Path);
        return IsAuthorized(http) && _media.TryGetValue(mediaId, out var media)
            ? Results.Bytes(media.Content, media.MimeType)
            : Results.StatusCode(StatusCodes.Status404NotFound);
    }

    private static bool IsAuthorized(HttpContext http) => http.Request.Headers.Authorization == $"Bearer {AccessToken}";

    private static IResult Error(int httpStatus, int code, string message) => Results.Json(new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["message"] = message,
            ["type"] = "OAuthException",
            ["code"] = code,
            ["error_data"] = new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = message },
            ["fbtrace_id"] = "AbCdEfGhIjKlMnOp",
        },
    }, statusCode: httpStatus);
}

/// <summary>One POST to /messages as the hub sent it, with the wamid it was given (null when refused).</summary>
public sealed record GraphSend(JsonObject Body, string? MessageId, DateTimeOffset At)
{
    public string To => Body["to"]!.GetValue<string>();

    public string Type => Body["type"]!.GetValue<string>();

    public bool Succeeded => MessageId is not null;

    /// <summary>What the citizen reads: the text body, the interactive body, the caption or the template's parameters.</summary>
    public string Text => Type switch
    {
        "text" => Body["text"]!["body"]!.GetValue<string>(),
        "interactive" => Body["interactive"]!["body"]!["text"]!.GetValue<string>(),
        "template" => string.Join(" | ", Body["template"]!["components"]![0]!["parameters"]!.AsArray().Select(p => p!["text"]!.GetValue<string>())),
        _ => Body[Type]?["caption"]?.GetValue<string>() ?? "",
    };

    /// <summary>The ids of the reply buttons or list rows offered.</summary>
    public IReadOnlyList<string> ChoiceIds => Type != "interactive"
        ? []
        : Body["interactive"]!["type"]!.GetValue<string>() == "button"
            ? [.. Body["interactive"]!["action"]!["buttons"]!.AsArray().Select(b => b!["reply"]!["id"]!.GetValue<string>())]
            : [.. Body["interactive"]!["action"]!["sections"]!.AsArray().SelectMany(s => s!["rows"]!.AsArray()).Select(r => r!["id"]!.GetValue<string>())];
}
