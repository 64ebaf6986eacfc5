using System.Text.Json;
using System.Text.Json.Nodes;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>Checks an activity a client posted and fills what it may leave out; the error texts go back as a 400.</summary>
internal static class UserActivityReader
{
    public const int MaxClientActivityIdLength = 128;

    /// <summary>The activity, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static JsonObject? Read(byte[]? json, DirectLineToken grant, WebChatOptions options, bool attachmentsAllowed, out string? error)
    {
        var activity = json is null ? null : Parse(json);
        error = json is null ? $"The activity is larger than {options.MaxActivityBytes / 1024} KB."
            : activity is null ? "The body must be one activity as a JSON object."
            : Problem(activity, options, attachmentsAllowed);
        if (error is not null)
        {
            return null;
        }

        // Keep "from" as sent (Web Chat recognises its own echo by it); supply it only when missing.
        if (activity!["from"] is not JsonObject from)
        {
            activity["from"] = new JsonObject { ["id"] = grant.UserId, ["role"] = "user" };
        }
        else if (from["id"] is null)
        {
            from["id"] = grant.UserId;
        }

        return activity;
    }

    public static string TypeOf(JsonObject activity) => StringOf(activity["type"]) ?? "";

    public static string? TextOf(JsonObject activity) => StringOf(activity["text"]);

    public static string? NameOf(JsonObject activity) => StringOf(activity["name"]);

    /// <summary>A message longer than the hub takes: kept and answered with the reason in the chat, not refused with a 400 the citizen never reads.</summary>
    public static bool IsTooLong(JsonObject activity, WebChatOptions options) =>
        TextOf(activity) is { } text && text.Length > options.MaxTextLength;

    /// <summary>"id-ID" → "id": the language, as Telegram reports it too.</summary>
    public static string? LanguageOf(JsonObject activity) =>
        StringOf(activity["locale"]) is { Length: >= 2 } locale ? locale.Split('-', '_')[0].ToLowerInvariant() : null;

    /// <summary>
    /// A shared location: a schema.org Place entity with geo coordinates, as the home page's "share my location"
    /// posts it (<c>entities: [{type: "Place", geo: {latitude, longitude}}]</c>).
    /// </summary>
    public static GeoPoint? LocationOf(JsonObject activity)
    {
        if (activity["entities"] is not JsonArray entities)
        {
            return null;
        }

        foreach (var entity in entities.OfType<JsonObject>())
        {
            if (StringOf(entity["type"]) == "Place" && entity["geo"] is JsonObject geo
                && NumberOf(geo["latitude"]) is { } latitude and >= -90 and <= 90
                && NumberOf(geo["longitude"]) is { } longitude and >= -180 and <= 180)
            {
                return new GeoPoint(latitude, longitude);
            }
        }

        return null;
    }

    public static string? ClientActivityIdOf(JsonObject activity) =>
        activity["channelData"] is JsonObject channelData ? StringOf(channelData["clientActivityID"]) : null;

    private static string? Problem(JsonObject activity, WebChatOptions options, bool attachmentsAllowed)
    {
        if (string.IsNullOrEmpty(StringOf(activity["type"])))
        {
            return "The activity needs a \"type\" string, e.g. \"message\".";
        }

        if (activity["text"] is { } text && StringOf(text) is null)
        {
            return "The activity's \"text\" must be a string.";
        }

        if (!attachmentsAllowed && activity["attachments"] is JsonArray { Count: > 0 })
        {
            return "Files must be sent through the upload endpoint, not as attachments of a posted activity.";
        }

        return ClientActivityIdOf(activity) is { Length: > MaxClientActivityIdLength }
            ? $"channelData.clientActivityID is longer than {MaxClientActivityIdLength} characters."
            : null;
    }

    /// <summary>
    /// JsonNode reads lazily: a string that is not valid UTF-8 or escapes half a surrogate pair, or a repeated member name,
    /// would throw later, wherever it is first touched (a 500). Every name and string is read once here instead, so such a
    /// body is refused at the door.
    /// </summary>
    private static JsonObject? Parse(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String)
                {
                    reader.GetString();
                }
            }

            var activity = JsonNode.Parse(json) as JsonObject;
            Materialize(activity);
            return activity;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static double? NumberOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) && double.IsFinite(number) ? number : null;

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject members:
                foreach (var (_, member) in members)
                {
                    Materialize(member);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Materialize(item);
                }

                break;
        }
    }

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
