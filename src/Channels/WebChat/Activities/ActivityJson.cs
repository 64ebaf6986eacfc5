using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lapor.Hub.Channels.Media;
using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>Builds and stamps activities in the Bot Framework wire format (camelCase JSON).</summary>
internal static class ActivityJson
{
    public const string ChannelId = "webchat";
    public const string HubId = "lapor-hub";
    public const string HubName = "LAPOR! Hub";

    public static string ActivityId(string conversationId, long sequence) =>
        $"{conversationId}|{sequence.ToString("D7", CultureInfo.InvariantCulture)}";

    public static string Timestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Adds the server's fields to a user activity; <c>from</c> and <c>channelData</c> stay as the client sent them.</summary>
    public static string StampUserActivity(string activityJson, string id, DateTimeOffset timestamp, string conversationId)
    {
        var activity = JsonNode.Parse(activityJson)!.AsObject();
        activity["id"] = id;
        activity["timestamp"] = Timestamp(timestamp);
        activity["conversation"] = new JsonObject { ["id"] = conversationId };
        activity["channelId"] ??= ChannelId;
        return activity.ToJsonString();
    }

    /// <summary>
    /// A message from the hub: choices as messageBack suggested actions, media as attachments on the hub's URLs
    /// (<paramref name="mediaPath"/> gives each file's path, e.g. with a grant; by default its plain path).
    /// </summary>
    public static string BotMessage(
        OutboundMessage message, string id, DateTimeOffset timestamp, string conversationId, string userId, string? publicBaseUrl,
        Func<MediaFile, string>? mediaPath = null)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["timestamp"] = Timestamp(timestamp),
            ["channelId"] = ChannelId,
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["from"] = new JsonObject { ["id"] = HubId, ["name"] = HubName, ["role"] = "bot" },
            ["recipient"] = new JsonObject { ["id"] = userId, ["role"] = "user" },
            // Plain: citizens' own words are quoted back and must not turn into markup.
            ["textFormat"] = "plain",
            ["text"] = message.Text,
        };

        if (message.Choices is { Count: > 0 } choices)
        {
            activity["suggestedActions"] = new JsonObject
            {
                // messageBack: the citizen's bubble shows the label (displayText), the hub gets the value as text.
                ["actions"] = new JsonArray(choices.Select(choice => (JsonNode)new JsonObject
                {
                    ["type"] = "messageBack",
                    ["title"] = choice.Label,
                    ["displayText"] = choice.Label,
                    ["text"] = choice.Value,
                    ["value"] = choice.Value,
                }).ToArray()),
            };
        }

        if (message.Media is { Count: > 0 } media)
        {
            activity["attachments"] = Attachments(media, publicBaseUrl ?? "", mediaPath);
        }

        return activity.ToJsonString();
    }

    public static JsonArray Attachments(IEnumerable<MediaFile> media, string publicBaseUrl, Func<MediaFile, string>? mediaPath = null) =>
        new(media.Select(file =>
        {
            var attachment = new JsonObject
            {
                ["contentType"] = file.ContentType,
                ["contentUrl"] = mediaPath is null
                    ? MediaEndpoints.PublicUrl(publicBaseUrl, file.Id)
                    : publicBaseUrl.TrimEnd('/') + mediaPath(file),
            };
            if (file.FileName is not null)
            {
                attachment["name"] = file.FileName;
            }

            // Web Chat shows a citizen's own upload as an image only with a thumbnail; the public copy serves as one.
            if (MediaTypes.IsImage(file.ContentType))
            {
                attachment["thumbnailUrl"] = attachment["contentUrl"]!.DeepClone();
            }

            return (JsonNode)attachment;
        }).ToArray());

    /// <summary>An ActivitySet: <c>{"activities":[…],"watermark":"…"}</c>, the activities copied verbatim.</summary>
    public static byte[] ActivitySet(IReadOnlyList<string> activities, long watermark)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("activities");
            foreach (var activity in activities)
            {
                writer.WriteRawValue(activity, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteString("watermark", watermark.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
