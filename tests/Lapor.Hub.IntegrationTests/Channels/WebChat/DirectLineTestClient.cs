using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Lapor.Hub.Tests.Channels.WebChat;

/// <summary>Plain HTTP calls as Web Chat (DirectLineJS) makes them, for the protocol tests.</summary>
public sealed class DirectLineTestClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<JsonObject> GenerateTokenAsync()
    {
        using var response = await http.PostAsync("/v3/directline/tokens/generate", content: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadObjectAsync(response);
    }

    /// <summary>Generates a token and starts its conversation, as the home page and Web Chat do.</summary>
    public async Task<StartedConversation> StartConversationAsync()
    {
        var generated = await GenerateTokenAsync();
        using var response = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", (string)generated["token"]!);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var started = await ReadObjectAsync(response);
        var token = (string)started["token"]!;
        return new StartedConversation((string)started["conversationId"]!, token, (string)started["streamUrl"]!, UserIdIn(token));
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        request.Headers.Add("x-ms-bot-agent", "DirectLine/3.0 (directlinejs; test)");
        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostActivityAsync(StartedConversation conversation, JsonObject activity, string? token = null) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation.ConversationId}/activities",
            token ?? conversation.Token, JsonContent.Create(activity));

    /// <summary>Posts and returns the server's activity id, failing on anything but 200.</summary>
    public async Task<string> PostMessageAsync(StartedConversation conversation, string text, string? clientActivityId = null)
    {
        using var response = await PostActivityAsync(conversation, Message(conversation.UserId, text, clientActivityId ?? NewClientActivityId()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await ReadObjectAsync(response))["id"]!;
    }

    public async Task<JsonObject> GetActivitiesAsync(StartedConversation conversation, string? watermark = null)
    {
        using var response = await SendAsync(HttpMethod.Get,
            $"/v3/directline/conversations/{conversation.ConversationId}/activities?watermark={watermark}", conversation.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadObjectAsync(response);
    }

    /// <summary>Polls until an activity matches, as Web Chat does with webSocket: false.</summary>
    public async Task<JsonObject> WaitForActivityAsync(StartedConversation conversation, Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var set = await GetActivitiesAsync(conversation);
            if (set["activities"]!.AsArray().OfType<JsonObject>().FirstOrDefault(match) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No matching activity in time; the conversation has: {set.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    /// <summary>A message the way Web Chat 4.18 posts it.</summary>
    public static JsonObject Message(string userId, string text, string clientActivityId, string locale = "id-ID") => new()
    {
        ["type"] = "message",
        ["text"] = text,
        ["channelId"] = "webchat",
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Warga", ["role"] = "user" },
        ["locale"] = locale,
        ["localTimestamp"] = DateTimeOffset.Now.ToString("o"),
        ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
        ["entities"] = new JsonArray(new JsonObject { ["type"] = "ClientCapabilities", ["requiresBotState"] = true }),
    };

    public static string NewClientActivityId() => $"client-{Guid.NewGuid():N}";

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>The "user" claim Web Chat reads from the token.</summary>
    public static string UserIdIn(string token) => (string)ClaimsOf(token)["user"]!;

    public static JsonObject ClaimsOf(string token) => JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!.AsObject();
}

public sealed record StartedConversation(string ConversationId, string Token, string StreamUrl, string UserId);
