using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Lapor.Hub.Tests.Channels.WhatsAppCloud;

/// <summary>
/// Webhook notifications exactly as Meta posts them for the "messages" field
/// (developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples), and their X-Hub-Signature-256.
/// </summary>
public static class CloudWebhooks
{
    public const string AppSecret = "fake-app-secret-4f1d2c3b";
    public const string DisplayPhoneNumber = "15550001708";

    public static string Text(string wamid, string from, string body, DateTimeOffset at, string name = "Siti Aminah") =>
        Messages(from, name, Message(wamid, from, at, "text", new JsonObject { ["body"] = body }));

    public static string ButtonReply(string wamid, string from, string id, string title, DateTimeOffset at, string name = "Siti Aminah") =>
        Messages(from, name, Message(wamid, from, at, "interactive", new JsonObject
        {
            ["type"] = "button_reply",
            ["button_reply"] = new JsonObject { ["id"] = id, ["title"] = title },
        }));

    public static string ListReply(string wamid, string from, string id, string title, DateTimeOffset at, string name = "Siti Aminah") =>
        Messages(from, name, Message(wamid, from, at, "interactive", new JsonObject
        {
            ["type"] = "list_reply",
            ["list_reply"] = new JsonObject { ["id"] = id, ["title"] = title, ["description"] = "" },
        }));

    public static string Location(string wamid, string from, double latitude, double longitude, DateTimeOffset at, string name = "Siti Aminah") =>
        Messages(from, name, Message(wamid, from, at, "location", new JsonObject
        {
            ["latitude"] = latitude,
            ["longitude"] = longitude,
            ["name"] = "Taman Bungkul",
            ["address"] = "Jl. Raya Darmo, Surabaya",
        }));

    public static string Image(string wamid, string from, string mediaId, DateTimeOffset at, string? caption = null, string name = "Siti Aminah")
    {
        var image = new JsonObject { ["mime_type"] = "image/jpeg", ["sha256"] = "Zm9vYmFy", ["id"] = mediaId };
        if (caption is not null)
        {
            image["caption"] = caption;
        }

        return Messages(from, name, Message(wamid, from, at, "image", image));
    }

    /// <summary>A kind the hub does not read (a voice note).</summary>
    public static string Audio(string wamid, string from, DateTimeOffset at) =>
        Messages(from, "Siti Aminah", Message(wamid, from, at, "audio", new JsonObject { ["mime_type"] = "audio/ogg; codecs=opus", ["id"] = "9911", ["voice"] = true }));

    /// <summary>A status of a message the hub sent: "sent", "delivered", "read" or "failed" (with an error code).</summary>
    public static string Status(string wamid, string recipient, string status, DateTimeOffset at, int? errorCode = null)
    {
        var entry = new JsonObject
        {
            ["id"] = wamid,
            ["status"] = status,
            ["timestamp"] = Unix(at),
            ["recipient_id"] = recipient,
        };
        if (status != "failed")
        {
            entry["conversation"] = new JsonObject { ["id"] = "CONVERSATION_ID", ["origin"] = new JsonObject { ["type"] = "service" } };
            entry["pricing"] = new JsonObject { ["billable"] = true, ["pricing_model"] = "CBP", ["category"] = "service" };
        }

        if (errorCode is { } code)
        {
            entry["errors"] = new JsonArray(new JsonObject
            {
                ["code"] = code,
                ["title"] = "Message failed to send",
                ["message"] = "Message failed to send",
                ["error_data"] = new JsonObject { ["details"] = "Message failed to send because of an unknown error." },
                ["href"] = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
            });
        }

        return Notification(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = Metadata(),
            ["statuses"] = new JsonArray(entry),
        });
    }

    public static string Sign(string body, string secret = AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static string Unix(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static JsonObject Message(string wamid, string from, DateTimeOffset at, string type, JsonObject content) => new()
    {
        ["from"] = from,
        ["id"] = wamid,
        ["timestamp"] = Unix(at),
        ["type"] = type,
        [type] = content,
    };

    private static string Messages(string from, string name, JsonObject message) => Notification(new JsonObject
    {
        ["messaging_product"] = "whatsapp",
        ["metadata"] = Metadata(),
        ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = name }, ["wa_id"] = from }),
        ["messages"] = new JsonArray(message),
    });

    private static JsonObject Metadata() => new()
    {
        ["display_phone_number"] = DisplayPhoneNumber,
        ["phone_number_id"] = FakeGraphApi.PhoneNumberId,
    };

    private static string Notification(JsonObject value) => new JsonObject
    {
        ["object"] = "whatsapp_business_account",
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = "102290129340398",
            ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = "messages" }),
        }),
    }.ToJsonString();
}
