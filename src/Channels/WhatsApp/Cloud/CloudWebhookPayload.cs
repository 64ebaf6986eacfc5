using System.Text.Json;

namespace Lapor.Hub.Channels.WhatsApp.Cloud;

// The webhook's "messages" field as Meta documents it (developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components):
// { "object": "whatsapp_business_account", "entry": [ { "id", "changes": [ { "field": "messages", "value": {
//   "messaging_product", "metadata", "contacts": [ { "profile": { "name" }, "wa_id" } ], "messages": [ … ], "statuses": [ … ] } } ] } ] }

internal sealed record CloudWebhook(string? Object, IReadOnlyList<CloudEntry>? Entry);

internal sealed record CloudEntry(string? Id, IReadOnlyList<CloudChange>? Changes);

internal sealed record CloudChange(string? Field, CloudChangeValue? Value);

internal sealed record CloudChangeValue(
    string? MessagingProduct,
    CloudMetadata? Metadata,
    IReadOnlyList<CloudContact>? Contacts,
    IReadOnlyList<JsonElement>? Messages,
    IReadOnlyList<CloudStatus>? Statuses);

internal sealed record CloudMetadata(string? DisplayPhoneNumber, string? PhoneNumberId);

internal sealed record CloudContact(CloudProfile? Profile, string? WaId);

internal sealed record CloudProfile(string? Name);

/// <summary>A status of a message the hub sent: "sent", "delivered", "read" or "failed" (with <see cref="Errors"/>).</summary>
internal sealed record CloudStatus(string? Id, string? Status, JsonElement? Timestamp, string? RecipientId, IReadOnlyList<CloudError>? Errors);

internal sealed record CloudError(int Code, string? Title, string? Message, CloudErrorData? ErrorData);

internal sealed record CloudErrorData(string? Details);

/// <summary>One citizen's message.</summary>
internal sealed record CloudMessage(
    string? From,
    string? Id,
    JsonElement? Timestamp,
    string? Type,
    CloudText? Text,
    CloudInteractive? Interactive,
    CloudButton? Button,
    CloudLocation? Location,
    CloudMedia? Image,
    CloudMedia? Document);

internal sealed record CloudText(string? Body);

/// <summary>A tap on a reply button ("button_reply") or a list row ("list_reply") the hub sent.</summary>
internal sealed record CloudInteractive(string? Type, CloudReply? ButtonReply, CloudReply? ListReply);

internal sealed record CloudReply(string? Id, string? Title, string? Description);

/// <summary>A tap on a template's quick-reply button.</summary>
internal sealed record CloudButton(string? Text, string? Payload);

internal sealed record CloudLocation(double? Latitude, double? Longitude, string? Name, string? Address);

internal sealed record CloudMedia(string? Id, string? MimeType, string? Caption, string? Filename, string? Sha256);

/// <summary>What the hub keeps in the inbox for one message: the message as Meta sent it, and the sender's profile name.</summary>
internal sealed record StoredCloudMessage(JsonElement Message, string? ProfileName);
