using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Channels.Twilio;

/// <summary>
/// A local Twilio REST API on a free loopback port, speaking Twilio's wire format for what the hub uses
/// (https://www.twilio.com/docs/messaging/api/message-resource): <c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>
/// with HTTP basic auth answers 201 and the message resource, or Twilio's error JSON <c>{code, message, more_info, status}</c>;
/// media of inbound messages under the account's URL, served to the account's credentials and then redirected to
/// storage as Twilio does. Every send is recorded; sends can be made to fail, be rate limited or be refused.
/// </summary>
public sealed class FakeTwilioApi : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "fake-auth-token-0123456789abcdef";

    private readonly ConcurrentQueue<FakeTwilioSend> _sends = new();
    private readonly ConcurrentQueue<Func<IResult>> _failures = new();
    private readonly ConcurrentDictionary<string, (string ContentType, byte[] Content)> _media = new();
    private readonly ConcurrentQueue<string> _mediaRequests = new();
    private LoopbackServer _server = null!;

    private FakeTwilioApi()
    {
    }

    public Uri BaseUrl => _server.BaseUrl;

    public IReadOnlyList<FakeTwilioSend> Sends => [.. _sends];

    /// <summary>Media GETs on the account URL, each noted as "authorized" or "anonymous".</summary>
    public IReadOnlyList<string> MediaRequests => [.. _mediaRequests];

    public IReadOnlyList<FakeTwilioSend> SendsTo(string to) => [.. _sends.Where(send => send.To == to)];

    public static async Task<FakeTwilioApi> StartAsync()
    {
        var api = new FakeTwilioApi();
        api._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", (Func<HttpContext, string, Task<IResult>>)api.CreateMessageAsync);
            app.MapGet("/2010-04-01/Accounts/{sid}/Messages/{messageSid}/Media/{mediaSid}", (Func<HttpContext, string, string, string, IResult>)api.AnswerMediaGet);
            app.MapGet("/storage/{mediaSid}", (Func<string, IResult>)api.ServeStored);
        });
        return api;
    }

    /// <summary>The next <paramref name="count"/> sends answer 503, as Twilio does when it is down.</summary>
    public void FailNextSends(int count) => Enqueue(count, () => Error(StatusCodes.Status503ServiceUnavailable, 20500, "Service Unavailable"));

    /// <summary>The next <paramref name="count"/> sends answer 429 with Retry-After.</summary>
    public void RateLimitNextSends(int count, int retryAfterSeconds) => Enqueue(count, () => new RetryAfterResult(
        Error(StatusCodes.Status429TooManyRequests, 20429, "Too Many Requests"), retryAfterSeconds));

    /// <summary>The next <paramref name="count"/> sends are refused with Twilio's error <paramref name="code"/>, e.g. 400 and 63016.</summary>
    public void RefuseNextSends(int count, int status, int code, string message) => Enqueue(count, () => Error(status, code, message));

    /// <summary>Forgets every failure still queued: Twilio has recovered.</summary>
    public void Recover() => _failures.Clear();

    /// <summary>Serves <paramref name="content"/> as medium <paramref name="mediaSid"/> of an inbound message; returns its MediaUrl.</summary>
    public Uri ServeMedia(string messageSid, string mediaSid, string contentType, byte[] content)
    {
        _media[mediaSid] = (contentType, content);
        return new Uri(BaseUrl, $"/2010-04-01/Accounts/{AccountSid}/Messages/{messageSid}/Media/{mediaSid}");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    private void Enqueue(int count, Func<IResult> failure)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue(failure);
        }
    }

    private async Task<IResult> CreateMessageAsync(HttpContext http, string sid)
    {
        var form = await http.Request.ReadFormAsync();
        var send = new FakeTwilioSend(
            Sid: "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            To: form["To"].ToString(),
            From: form["From"].ToString(),
            MessagingServiceSid: form["MessagingServiceSid"].ToString(),
            Body: form["Body"].ToString(),
            ContentSid: form["ContentSid"].ToString(),
            ContentVariables: form["ContentVariables"].ToString(),
            MediaUrls: [.. form["MediaUrl"].Select(url => url!)],
            StatusCallback: form["StatusCallback"].ToString(),
            At: DateTimeOffset.UtcNow,
            Succeeded: true);
        if (sid != AccountSid || !IsAuthorized(http.Request))
        {
            _sends.Enqueue(send with { Succeeded = false });
            return Error(StatusCodes.Status401Unauthorized, 20003, "Authenticate");
        }

        if (_failures.TryDequeue(out var failure))
        {
            _sends.Enqueue(send with { Succeeded = false });
            return failure();
        }

        if (string.IsNullOrEmpty(send.To) || (string.IsNullOrEmpty(send.From) && string.IsNullOrEmpty(send.MessagingServiceSid))
            || (string.IsNullOrEmpty(send.Body) && string.IsNullOrEmpty(send.ContentSid) && send.MediaUrls.Count == 0))
        {
            _sends.Enqueue(send with { Succeeded = false });
            return Error(StatusCodes.Status400BadRequest, 21602, "Message body is required.");
        }

        _sends.Enqueue(send);
        var now = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        return Results.Json(new JsonObject
        {
            ["account_sid"] = AccountSid,
            ["api_version"] = "2010-04-01",
            ["body"] = send.Body,
            ["date_created"] = now,
            ["date_updated"] = now,
            ["date_sent"] = null,
            ["direction"] = "outbound-api",
            ["error_code"] = null,
            ["error_message"] = null,
            ["from"] = send.From,
            ["messaging_service_sid"] = string.IsNullOrEmpty(send.MessagingServiceSid) ? null : send.MessagingServiceSid,
            ["num_media"] = send.MediaUrls.Count.ToString(CultureInfo.InvariantCulture),
            ["num_segments"] = "1",
            ["price"] = null,
            ["price_unit"] = "USD",
            ["sid"] = send.Sid,
            ["status"] = "queued",
            ["subresource_uris"] = new JsonObject { ["media"] = $"/2010-04-01/Accounts/{AccountSid}/Messages/{send.Sid}/Media.json" },
            ["to"] = send.To,
            ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/Messages/{send.Sid}.json",
        }, statusCode: StatusCodes.Status201Created);
    }

    private IResult AnswerMediaGet(HttpContext http, string sid, string messageSid, string mediaSid)
    {
        var authorized = sid == AccountSid && IsAuthorized(http.Request);
        _mediaRequests.Enqueue(authorized ? "authorized" : "anonymous");
        if (!authorized)
        {
            return Error(StatusCodes.Status401Unauthorized, 20003, "Authenticate");
        }

        // As Twilio does: the account URL redirects to a short-lived storage URL that needs no credentials.
        return _media.ContainsKey(mediaSid) ? Results.Redirect($"/storage/{mediaSid}") : Error(StatusCodes.Status404NotFound, 20404, "Not Found");
    }

    private IResult ServeStored(string mediaSid) =>
        _media.TryGetValue(mediaSid, out var stored) ? Results.Bytes(stored.Content, stored.ContentType) : Results.NotFound();

    private static bool IsAuthorized(HttpRequest request) =>
        request.Headers.Authorization.ToString() == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));

    private static IResult Error(int status, int code, string message) => Results.Json(new JsonObject
    {
        ["code"] = code,
        ["message"] = message,
        ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
        ["status"] = status,
    }, statusCode: status);

    private sealed class RetryAfterResult(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}

/// <summary>One create-message request the fake received, with the form fields the hub sent.</summary>
public sealed record FakeTwilioSend(
    string Sid,
    string To,
    string From,
    string MessagingServiceSid,
    string Body,
    string ContentSid,
    string ContentVariables,
    IReadOnlyList<string> MediaUrls,
    string StatusCallback,
    DateTimeOffset At,
    bool Succeeded);
