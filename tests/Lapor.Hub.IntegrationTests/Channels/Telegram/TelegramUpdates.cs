using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Lapor.Hub.Channels.Telegram;

namespace Lapor.Hub.Tests.Channels.Telegram;

/// <summary>Updates as Telegram sends them (https://core.telegram.org/bots/api#update), written by hand in the wire format.</summary>
public static class TelegramUpdates
{
    public const long ChatId = 5550001;

    public static string Text(long updateId, string text, long chatId = ChatId, string languageCode = "id") =>
        Update(updateId, "message", Message(chatId, languageCode, new JsonObject { ["text"] = text }));

    public static string Location(long updateId, double latitude, double longitude, long chatId = ChatId) =>
        Update(updateId, "message", Message(chatId, "id", new JsonObject
        {
            ["location"] = new JsonObject { ["latitude"] = latitude, ["longitude"] = longitude },
        }));

    /// <summary>A photo in the sizes Telegram offers, smallest first as Telegram lists them.</summary>
    public static string Photo(long updateId, string? caption, IEnumerable<PhotoSize> sizes, long chatId = ChatId)
    {
        var content = new JsonObject
        {
            ["photo"] = new JsonArray([.. sizes.Select(size => (JsonNode)new JsonObject
            {
                ["file_id"] = size.FileId,
                ["file_unique_id"] = $"u-{size.FileId}",
                ["width"] = size.Width,
                ["height"] = size.Height,
                ["file_size"] = size.Bytes,
            })]),
        };
        if (caption is not null)
        {
            content["caption"] = caption;
        }

        return Update(updateId, "message", Message(chatId, "id", content));
    }

    public static string Document(long updateId, string fileId, string mimeType, string fileName, long chatId = ChatId) =>
        Update(updateId, "message", Message(chatId, "en", new JsonObject
        {
            ["document"] = new JsonObject
            {
                ["file_id"] = fileId,
                ["file_unique_id"] = $"u-{fileId}",
                ["file_name"] = fileName,
                ["mime_type"] = mimeType,
                ["file_size"] = 2048,
            },
        }));

    /// <summary>A shared contact card; <paramref name="userId"/> is the contact's Telegram user (the sender's own id when they share themselves).</summary>
    public static string Contact(long updateId, string phoneNumber, long? userId, long chatId = ChatId, long? groupId = null)
    {
        var contact = new JsonObject { ["phone_number"] = phoneNumber, ["first_name"] = "Siti" };
        if (userId is { } user)
        {
            contact["user_id"] = user;
        }

        var message = Message(chatId, "id", new JsonObject { ["contact"] = contact });
        if (groupId is { } group)
        {
            message["chat"] = new JsonObject { ["id"] = group, ["title"] = "Warga RT 05", ["type"] = "group" };
        }

        return Update(updateId, "message", message);
    }

    public static string CallbackQuery(long updateId, string queryId, string data, long chatId = ChatId) =>
        Update(updateId, "callback_query", new JsonObject
        {
            ["id"] = queryId,
            ["from"] = From(chatId, "en"),
            ["message"] = Message(chatId, "id", new JsonObject { ["text"] = "Apakah laporan ini rahasia?" }),
            ["chat_instance"] = "-4000000000000000001",
            ["data"] = data,
        });

    private static string Update(long updateId, string kind, JsonObject content) =>
        new JsonObject { ["update_id"] = updateId, [kind] = content }.ToJsonString();

    private static JsonObject Message(long chatId, string languageCode, JsonObject content)
    {
        var message = new JsonObject
        {
            ["message_id"] = Random.Shared.Next(1, 100_000),
            ["from"] = From(chatId, languageCode),
            ["chat"] = new JsonObject { ["id"] = chatId, ["first_name"] = "Siti", ["last_name"] = "Rahayu", ["type"] = "private" },
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        foreach (var (name, value) in content)
        {
            message[name] = value?.DeepClone();
        }

        return message;
    }

    private static JsonObject From(long userId, string languageCode) => new()
    {
        ["id"] = userId,
        ["is_bot"] = false,
        ["first_name"] = "Siti",
        ["last_name"] = "Rahayu",
        ["username"] = "siti_r",
        ["language_code"] = languageCode,
    };
}

public sealed record PhotoSize(string FileId, int Width, int Height, int Bytes);

/// <summary>Posts updates to a hub's Telegram webhook as Telegram does, with the secret token header.</summary>
public sealed class TelegramWebhookPoster(Uri hub, string? secretToken) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = hub };

    public Task<HttpResponseMessage> PostAsync(string updateJson) => PostAsync(Encoding.UTF8.GetBytes(updateJson), secretToken);

    public async Task<HttpResponseMessage> PostAsync(byte[] body, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TelegramOptions.WebhookPath)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        if (secret is not null)
        {
            request.Headers.Add(TelegramOptions.SecretTokenHeader, secret);
        }

        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
