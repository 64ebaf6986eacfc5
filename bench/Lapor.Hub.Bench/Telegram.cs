using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Lapor.Hub.Bench;

/// <summary>Telegram's side: updates as the Bot API posts them, a fake Bot API for the hub's replies, and a bare webhook.</summary>
internal static class Telegram
{
    public const string Token = "123456789:AAF-fake_token_for_the_local_bot_api";
    public const string Secret = "bench-webhook-secret_0123456789";
    public const string WebhookPath = "/channels/telegram/webhook";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>A text message from chat <paramref name="chatId"/>, as Telegram posts it to a webhook.</summary>
    public static byte[] TextUpdate(long updateId, long chatId, string text) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["update_id"] = updateId,
        ["message"] = new JsonObject
        {
            ["message_id"] = updateId,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private", ["first_name"] = "Warga" },
            ["from"] = new JsonObject { ["id"] = chatId, ["is_bot"] = false, ["first_name"] = "Warga", ["language_code"] = "id" },
            ["text"] = text,
        },
    }.ToJsonString());

    public static HttpRequestMessage Post(Uri baseAddress, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, WebhookPath)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(SecretHeader, Secret);
        return request;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, int> RepliesPerChat = new();
    private static long _sentMessages;

    /// <summary>How many messages the hub has sent to <paramref name="chatId"/> through the fake Bot API.</summary>
    public static int RepliesTo(long chatId) => RepliesPerChat.GetValueOrDefault(chatId);

    /// <summary>Messages the hub has sent through the fake Bot API so far: its replies, i.e. updates it has worked off.</summary>
    public static long SentMessages => Interlocked.Read(ref _sentMessages);

    /// <summary>Waits until the hub has sent nothing for <paramref name="quiet"/>; when its last message was sent.</summary>
    public static async Task<DateTimeOffset> WaitUntilRepliesStopAsync(TimeSpan quiet, TimeSpan atMost)
    {
        var giveUpAt = DateTimeOffset.UtcNow + atMost;
        var (count, lastChange) = (SentMessages, DateTimeOffset.UtcNow);
        while (DateTimeOffset.UtcNow - lastChange < quiet && DateTimeOffset.UtcNow < giveUpAt)
        {
            await Task.Delay(100);
            if (SentMessages != count)
            {
                (count, lastChange) = (SentMessages, DateTimeOffset.UtcNow);
            }
        }

        return lastChange;
    }

    /// <summary>A Bot API that accepts every call the hub makes (sendMessage and friends) and answers as Telegram does.</summary>
    public static async Task<WebApplication> StartFakeBotApiAsync(Uri address)
    {
        var app = Bare(address);
        long nextMessageId = 0;
        // "/{bot}/{method}", not "/bot{token}/…": routing matches a segment's literal from the right, and the token contains "bot".
        app.MapPost("/{bot}/{method}", async (string method, HttpRequest request) =>
        {
            var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
            JsonNode? json = null;
            // Telegram.Bot sends its JSON chunked, without a Content-Length.
            if (form is null && request.HasJsonContentType())
            {
                json = await JsonNode.ParseAsync(request.Body);
            }

            if (method == "sendMessage")
            {
                Interlocked.Increment(ref _sentMessages);
            }

            var chatId = form?["chat_id"].ToString() is { Length: > 0 } fromForm ? fromForm : json?["chat_id"]?.ToString() ?? "1";
            if (method == "sendMessage")
            {
                RepliesPerChat.AddOrUpdate(long.Parse(chatId, CultureInfo.InvariantCulture), 1, (_, count) => count + 1);
            }

            JsonNode result = method is "sendMessage" or "sendPhoto" or "sendDocument"
                ? new JsonObject
                {
                    ["message_id"] = Interlocked.Increment(ref nextMessageId),
                    ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["chat"] = new JsonObject { ["id"] = long.Parse(chatId, CultureInfo.InvariantCulture), ["type"] = "private" },
                }
                : JsonValue.Create(true);
            return Results.Json(new JsonObject { ["ok"] = true, ["result"] = result });
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>The least a webhook can do: check the secret, deserialize the Update, answer 200.</summary>
    public static async Task<WebApplication> StartBareWebhookAsync(Uri address)
    {
        var app = Bare(address);
        app.MapPost(WebhookPath, async (HttpRequest request) =>
        {
            if (request.Headers[SecretHeader] != Secret)
            {
                return Results.Unauthorized();
            }

            var update = await JsonSerializer.DeserializeAsync<Update>(request.Body, JsonBotAPI.Options);
            return update is { Id: > 0 } ? Results.Ok() : Results.BadRequest();
        });
        await app.StartAsync();
        return app;
    }

    private static WebApplication Bare(Uri address)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(address.ToString());
        return builder.Build();
    }
}
