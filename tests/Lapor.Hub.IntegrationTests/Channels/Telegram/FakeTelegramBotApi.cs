using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Channels.Telegram;

/// <summary>
/// A local Bot API server on a free loopback port, speaking Telegram's wire format for the methods the hub uses
/// (https://core.telegram.org/bots/api): every request is recorded; sends can be made to fail, to answer 429 with
/// retry_after, or to be refused; files are served under /file/bot{token}/{file_path}; getUpdates long-polls a queue.
/// </summary>
public sealed class FakeTelegramBotApi : IAsyncDisposable
{
    public const string Token = "123456789:AAF-fake_token_for_the_local_bot_api";

    private static readonly string[] SendMethods = ["sendMessage", "sendPhoto", "sendDocument"];
    private readonly ConcurrentQueue<FakeBotApiCall> _calls = new();
    private readonly ConcurrentQueue<Func<IResult>> _sendFailures = new();
    private readonly ConcurrentDictionary<string, (string Path, byte[] Content)> _files = new();
    private readonly List<JsonObject> _updates = [];
    private readonly SemaphoreSlim _updateArrived = new(0);
    private LoopbackServer _server = null!;

    private FakeTelegramBotApi()
    {
    }
    private int _nextMessageId = 1000;

    public Uri BaseUrl => _server.BaseUrl;

    public IReadOnlyList<FakeBotApiCall> Calls => [.. _calls];

    public IReadOnlyList<FakeBotApiCall> CallsTo(string method) => [.. _calls.Where(call => call.Method == method)];

    public static async Task<FakeTelegramBotApi> StartAsync()
    {
        var api = new FakeTelegramBotApi();
        api._server = await LoopbackServer.StartAsync(app =>
        {
            // Not the pattern "bot{token}": routing finds a segment's literal from the right, so a token containing "bot" would not match.
            app.Map("/{bot}/{method}", (Func<HttpContext, string, string, Task<IResult>>)api.AnswerMethodAsync);
            app.MapGet("/file/{bot}/{**path}", (Func<string, string, IResult>)api.ServeFile);
        });
        return api;
    }

    /// <summary>While true every send answers 502 Bad Gateway, as Telegram's front does when its backend is down.</summary>
    public bool Unavailable { get; set; }

    /// <summary>The next <paramref name="count"/> sends answer HTTP 500.</summary>
    public void FailNextSends(int count) =>
        Enqueue(count, () => Error(StatusCodes.Status500InternalServerError, "Internal Server Error"));

    /// <summary>The next <paramref name="count"/> sends answer 429 with parameters.retry_after.</summary>
    public void RateLimitNextSends(int count, int retryAfterSeconds) =>
        Enqueue(count, () => Error(StatusCodes.Status429TooManyRequests, $"Too Many Requests: retry after {retryAfterSeconds}",
            new JsonObject { ["retry_after"] = retryAfterSeconds }));

    /// <summary>The next <paramref name="count"/> sends are refused, e.g. 403 "Forbidden: bot was blocked by the user".</summary>
    /// <summary>Forgets every failure still queued: the provider has recovered.</summary>
    public void Recover() => _sendFailures.Clear();

    public void RefuseNextSends(int count, int errorCode, string description) => Enqueue(count, () => Error(errorCode, description));

    /// <summary>getFile of <paramref name="fileId"/> answers <paramref name="filePath"/>, and the file URL serves <paramref name="content"/>.</summary>
    public void ServeFile(string fileId, string filePath, byte[] content) => _files[fileId] = (filePath, content);

    /// <summary>Queues an update (Telegram's JSON) for getUpdates. Its update_id must be higher than those queued before.</summary>
    public void QueueUpdate(string updateJson)
    {
        lock (_updates)
        {
            _updates.Add(JsonNode.Parse(updateJson)!.AsObject());
        }

        _updateArrived.Release();
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _updateArrived.Dispose();
    }

    private void Enqueue(int count, Func<IResult> failure)
    {
        for (var i = 0; i < count; i++)
        {
            _sendFailures.Enqueue(failure);
        }
    }

    private async Task<IResult> AnswerMethodAsync(HttpContext http, string bot, string method)
    {
        var call = await FakeBotApiCall.ReadAsync(method, http.Request);
        if (bot != $"bot{Token}")
        {
            _calls.Enqueue(call with { Succeeded = false });
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized");
        }

        if (SendMethods.Contains(method) && Unavailable)
        {
            _calls.Enqueue(call with { Succeeded = false });
            return Error(StatusCodes.Status502BadGateway, "Bad Gateway");
        }

        if (SendMethods.Contains(method) && _sendFailures.TryDequeue(out var failure))
        {
            _calls.Enqueue(call with { Succeeded = false });
            return failure();
        }

        _calls.Enqueue(call);
        return method switch
        {
            "sendMessage" or "sendPhoto" or "sendDocument" => Ok(SentMessage(call)),
            "answerCallbackQuery" or "setWebhook" or "deleteWebhook" => Ok(true),
            "getFile" => GetFile(call),
            "getUpdates" => Ok(await NextUpdatesAsync(call, http.RequestAborted)),
            _ => Error(StatusCodes.Status404NotFound, "Not Found: method not found"),
        };
    }

    private IResult GetFile(FakeBotApiCall call)
    {
        var fileId = call.Parameters["file_id"];
        return _files.TryGetValue(fileId, out var file)
            ? Ok(new JsonObject
            {
                ["file_id"] = fileId,
                ["file_unique_id"] = $"unique-{fileId}",
                ["file_size"] = file.Content.Length,
                ["file_path"] = file.Path,
            })
            : Error(StatusCodes.Status400BadRequest, "Bad Request: invalid file_id");
    }

    private IResult ServeFile(string bot, string path)
    {
        var file = _files.Values.FirstOrDefault(candidate => candidate.Path == path);
        return bot == $"bot{Token}" && file.Content is not null
            ? Results.Bytes(file.Content, "application/octet-stream")
            : Error(StatusCodes.Status404NotFound, "Not Found");
    }

    private JsonObject SentMessage(FakeBotApiCall call)
    {
        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _nextMessageId),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = long.Parse(call.Parameters["chat_id"], CultureInfo.InvariantCulture), ["type"] = "private" },
        };
        if (call.Parameters.TryGetValue("text", out var text))
        {
            message["text"] = text;
        }

        if (call.Parameters.TryGetValue("caption", out var caption))
        {
            message["caption"] = caption;
        }

        return message;
    }

    private async Task<JsonArray> NextUpdatesAsync(FakeBotApiCall call, CancellationToken aborted)
    {
        var offset = call.Parameters.TryGetValue("offset", out var text) ? long.Parse(text, CultureInfo.InvariantCulture) : 0;
        var wait = TimeSpan.FromSeconds(call.Parameters.TryGetValue("timeout", out var timeout) ? int.Parse(timeout, CultureInfo.InvariantCulture) : 0);
        var deadline = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            lock (_updates)
            {
                // As Telegram does: an offset confirms every update below it.
                _updates.RemoveAll(update => (long)update["update_id"]! < offset);
                if (_updates.Count > 0 || DateTimeOffset.UtcNow >= deadline)
                {
                    return [.. _updates.Select(update => update.DeepClone())];
                }
            }

            try
            {
                await _updateArrived.WaitAsync(deadline - DateTimeOffset.UtcNow, aborted);
            }
            catch (OperationCanceledException)
            {
                return [];
            }
        }
    }

    private static IResult Ok(JsonNode? result) => Answer(StatusCodes.Status200OK, new JsonObject { ["ok"] = true, ["result"] = result });

    private static IResult Error(int code, string description, JsonObject? parameters = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (parameters is not null)
        {
            body["parameters"] = parameters;
        }

        return Answer(code, body);
    }

    private static IResult Answer(int statusCode, JsonObject body) =>
        Results.Text(body.ToJsonString(), "application/json", Encoding.UTF8, statusCode);
}

/// <summary>
/// One request to the fake Bot API: its parameters as Telegram reads them (JSON body or multipart form; objects
/// such as reply_markup as JSON text) and any uploaded files by part name.
/// </summary>
public sealed record FakeBotApiCall(string Method, IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, byte[]> Files)
{
    /// <summary>When the request arrived.</summary>
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>False when the fake answered with an error (a failure it was told to inject, or a bad token).</summary>
    public bool Succeeded { get; init; } = true;

    /// <summary>The text of a sendMessage, or the caption of a sendPhoto/sendDocument.</summary>
    public string? Text => Parameters.GetValueOrDefault("text") ?? Parameters.GetValueOrDefault("caption");

    public JsonElement JsonParameter(string name) => JsonDocument.Parse(Parameters[name]).RootElement;

    /// <summary>The bytes of an "attach://name" parameter such as photo or document.</summary>
    public byte[] Attachment(string parameter) => Files[Parameters[parameter]["attach://".Length..]];

    internal static async Task<FakeBotApiCall> ReadAsync(string method, HttpRequest request)
    {
        var parameters = new Dictionary<string, string>();
        var files = new Dictionary<string, byte[]>();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (name, value) in form)
            {
                parameters[name] = value.ToString();
            }

            foreach (var file in form.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content);
                files[file.Name] = content.ToArray();
            }
        }
        else if (request.ContentLength is > 0 || request.ContentType is not null)
        {
            using var json = await JsonDocument.ParseAsync(request.Body);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                parameters[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        foreach (var (name, value) in request.Query)
        {
            parameters[name] = value.ToString();
        }

        return new FakeBotApiCall(method, parameters, files);
    }
}
