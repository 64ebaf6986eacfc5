using System.Text.Json.Nodes;
using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.WhatsApp.Cloud;

/// <summary>
/// Message payloads for POST /{phone-number-id}/messages, within WhatsApp's documented limits: text bodies of 4096
/// characters, interactive bodies of 1024, up to 3 reply buttons (titles of 20 characters, ids of 256), up to 10 list rows
/// (titles of 24 characters, descriptions of 72, ids of 200), captions of 1024.
/// </summary>
internal static class CloudOutgoing
{
    public const int MaxTextLength = 4096;
    public const int MaxInteractiveBodyLength = 1024;
    public const int MaxCaptionLength = 1024;
    public const int MaxButtons = 3;
    public const int MaxListRows = 10;
    public const int MaxButtonTitleLength = 20;
    public const int MaxRowTitleLength = 24;
    public const int MaxRowDescriptionLength = 72;

    /// <summary>Meta allows 1024 characters in a template's whole body; the parameters get what the fixed text leaves.</summary>
    public const int MaxTemplateParameterLength = 700;

    public static JsonObject Text(string to, string body) => Envelope(to, "text", new JsonObject
    {
        ["preview_url"] = false,
        ["body"] = body,
    });

    public static JsonObject Buttons(string to, string body, IReadOnlyList<Choice> choices) => Envelope(to, "interactive", new JsonObject
    {
        ["type"] = "button",
        ["body"] = new JsonObject { ["text"] = body },
        ["action"] = new JsonObject
        {
            ["buttons"] = new JsonArray([.. choices.Select(choice => (JsonNode)new JsonObject
            {
                ["type"] = "reply",
                ["reply"] = new JsonObject { ["id"] = choice.Value, ["title"] = Shorten(choice.Label, MaxButtonTitleLength) },
            })]),
        },
    });

    public static JsonObject List(string to, string body, string buttonLabel, IReadOnlyList<Choice> choices) => Envelope(to, "interactive", new JsonObject
    {
        ["type"] = "list",
        ["body"] = new JsonObject { ["text"] = body },
        ["action"] = new JsonObject
        {
            ["button"] = Shorten(buttonLabel, MaxButtonTitleLength),
            ["sections"] = new JsonArray(new JsonObject
            {
                ["title"] = Shorten(buttonLabel, MaxRowTitleLength),
                ["rows"] = new JsonArray([.. choices.Select(Row)]),
            }),
        },
    });

    public static JsonObject Template(string to, string name, string languageCode, IEnumerable<string> bodyParameters) => Envelope(to, "template", new JsonObject
    {
        ["name"] = name,
        ["language"] = new JsonObject { ["code"] = languageCode },
        ["components"] = new JsonArray(new JsonObject
        {
            ["type"] = "body",
            ["parameters"] = new JsonArray([.. bodyParameters.Select(text => (JsonNode)new JsonObject
            {
                ["type"] = "text",
                ["text"] = TemplateParameter(text),
            })]),
        }),
    });

    /// <summary>An image (JPEG or PNG) or a document, fetched by Meta from <paramref name="link"/>.</summary>
    public static JsonObject Media(string to, MediaFile file, string link, string? caption)
    {
        var isImage = file.ContentType is "image/jpeg" or "image/png";
        var media = new JsonObject { ["link"] = link };
        if (!string.IsNullOrWhiteSpace(caption))
        {
            media["caption"] = caption;
        }

        if (!isImage)
        {
            media["filename"] = file.FileName ?? file.Id;
        }

        return Envelope(to, isImage ? "image" : "document", media);
    }

    /// <summary>Text as lines "1. label" after the message, for more choices than a list holds.</summary>
    public static string WithNumberedChoices(string text, IReadOnlyList<Choice> choices) =>
        string.Join('\n', [text, "", .. choices.Select((choice, index) => $"{index + 1}. {choice.Label}")]).Trim();

    /// <summary>Cuts <paramref name="text"/> into parts of at most <paramref name="maxLength"/>, at a line break or space where there is one.</summary>
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        var parts = new List<string>();
        var rest = text.Trim();
        while (rest.Length > maxLength)
        {
            var cut = rest.LastIndexOf('\n', maxLength - 1);
            if (cut < maxLength / 2)
            {
                cut = rest.LastIndexOf(' ', maxLength - 1);
            }

            if (cut < maxLength / 2)
            {
                cut = char.IsHighSurrogate(rest[maxLength - 1]) ? maxLength - 1 : maxLength;
            }

            parts.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            parts.Add(rest);
        }

        return parts;
    }

    public static string Shorten(string text, int maxLength)
    {
        var trimmed = text.Trim();
        if (trimmed.Length <= maxLength)
        {
            return trimmed;
        }

        var keep = maxLength - 1;
        if (char.IsHighSurrogate(trimmed[keep - 1]))
        {
            keep--;
        }

        return trimmed[..keep].TrimEnd() + "…";
    }

    /// <summary>Meta refuses template parameters with line breaks, tabs or more than four spaces in a row.</summary>
    private static string TemplateParameter(string text) =>
        Shorten(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), MaxTemplateParameterLength);

    private static JsonNode Row(Choice choice)
    {
        var row = new JsonObject { ["id"] = choice.Value, ["title"] = Shorten(choice.Label, MaxRowTitleLength) };
        if (choice.Label.Trim().Length > MaxRowTitleLength)
        {
            row["description"] = Shorten(choice.Label, MaxRowDescriptionLength);
        }

        return row;
    }

    private static JsonObject Envelope(string to, string type, JsonObject content) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["recipient_type"] = "individual",
        ["to"] = to,
        ["type"] = type,
        [type] = content,
    };
}
