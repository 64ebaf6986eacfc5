using Lapor.Hub.Reports;

namespace Lapor.Hub.Channels.Messages;

/// <summary>
/// Where a citizen chats: the channel (one of <see cref="ChannelNames"/>) and the provider's address for
/// the conversation (a Telegram chat id, a Direct Line conversation id, a phone number).
/// </summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.ChannelAddress")]
public sealed record ChannelAddress([property: Id(0)] string Channel, [property: Id(1)] string Id)
{
    /// <summary>"telegram:12345": the key of the citizen's conversation grain.</summary>
    public override string ToString() => $"{Channel}:{Id}";

    /// <summary>The inverse of <see cref="ToString"/>: "telegram:12345" (the id may itself contain colons).</summary>
    public static ChannelAddress Parse(string key)
    {
        var separator = key.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new FormatException($"'{key}' is not a channel address of the form channel:id.");
        }

        return new ChannelAddress(key[..separator], key[(separator + 1)..]);
    }

    /// <summary>For logs: a chat id or phone number identifies a citizen, so only its last digits are written.</summary>
    public string Masked => $"{Channel}:{MaskId(Id)}";

    /// <summary>"628123456789" becomes "*********789": enough to tell chats apart in a log, not enough to reach anyone.</summary>
    public static string MaskId(string id) => id.Length <= 3 ? new string('*', id.Length) : new string('*', id.Length - 3) + id[^3..];

    public static string MaskId(long id) => MaskId(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A provider's error text with this address masked wherever it is quoted.</summary>
    public string? Scrub(string? text) => text?.Replace(Id, MaskId(Id), StringComparison.Ordinal);
}

/// <summary>A choice the citizen can tap. <see cref="Value"/> is what comes back (at most 64 bytes: Telegram's callback limit).</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.Choice")]
public sealed record Choice([property: Id(0)] string Value, [property: Id(1)] string Label)
{
    public const int MaxValueBytes = 64;
}

/// <summary>A photo or file the citizen sent, already checked and kept by the media store.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.MediaFile")]
public sealed record MediaFile(
    [property: Id(0)] string Id,
    [property: Id(1)] string ContentType,
    [property: Id(2)] long Length,
    [property: Id(3)] string? FileName = null);

/// <summary>
/// One message from a citizen, in no channel's wire format. <see cref="MessageId"/> is the provider's own
/// identifier (Telegram update_id, Direct Line activity id): a redelivery carries the same one and is ignored.
/// </summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.InboundMessage")]
public sealed record InboundMessage(
    [property: Id(0)] ChannelAddress From,
    [property: Id(1)] string MessageId,
    [property: Id(2)] DateTimeOffset ReceivedAt,
    [property: Id(3)] string? Text = null,
    [property: Id(4)] string? ChoiceValue = null,
    [property: Id(5)] GeoPoint? Location = null,
    [property: Id(6)] IReadOnlyList<MediaFile>? Media = null,
    [property: Id(7)] string? SenderName = null,
    [property: Id(8)] string? LanguageCode = null,
    [property: Id(9)] SharedContact? Contact = null);

/// <summary>
/// A contact card the citizen shared (Telegram). <see cref="VerifiedPhone"/> (E.164 digits) is set only when the channel
/// proved the number is the sender's own (the card's user_id is the sender's); it is null for anyone else's number,
/// which links nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.SharedContact")]
public sealed record SharedContact([property: Id(0)] string? VerifiedPhone);

/// <summary>
/// One message to a citizen: text, optional choices rendered natively by each channel, optional media.
/// <see cref="Notice"/> is set on news about a report: what a channel needs to say it in a pre-approved template
/// (WhatsApp outside its 24-hour window) or to shorten it with a link (SMS). <see cref="PollInvite"/> is set on a poll
/// invitation: what WhatsApp needs to send it as the approved poll template outside the window.
/// </summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.OutboundMessage")]
public sealed record OutboundMessage(
    [property: Id(0)] string Text,
    [property: Id(1)] IReadOnlyList<Choice>? Choices = null,
    [property: Id(2)] IReadOnlyList<MediaFile>? Media = null,
    [property: Id(3)] NoticeSummary? Notice = null,
    [property: Id(4)] PollInviteSummary? PollInvite = null);

/// <summary>
/// A report's news in brief: its tracking ID (canonical form), one line of text without line breaks (a template
/// parameter may not carry them) and the language it is written in ("id" or "en").
/// </summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.NoticeSummary")]
public sealed record NoticeSummary(
    [property: Id(0)] string TrackingId,
    [property: Id(1)] string ShortText,
    [property: Id(2)] string Language);

/// <summary>
/// A poll invitation in brief: the poll's ID, its question in one line without line breaks (the template's {{1}}) and the
/// chat's language ("id" or "en").
/// </summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.PollInviteSummary")]
public sealed record PollInviteSummary(
    [property: Id(0)] string PollId,
    [property: Id(1)] string Question,
    [property: Id(2)] string Language);

public enum DeliveryStatus { Delivered, RetryLater, Failed }

/// <summary>
/// What a provider said to a send. <see cref="RetryAfter"/> carries a 429's retry_after. <see cref="AwaitsReceipt"/>: the
/// provider only took the message and will report its fate through status callbacks, keyed by <see cref="ProviderMessageId"/>
/// (Twilio, WhatsApp); the outbox then records it as sent, not yet delivered.
/// </summary>
public sealed record DeliveryResult(
    DeliveryStatus Status, string? ProviderMessageId = null, TimeSpan? RetryAfter = null, string? Error = null, bool AwaitsReceipt = false)
{
    public static DeliveryResult Delivered(string? providerMessageId = null) => new(DeliveryStatus.Delivered, providerMessageId);

    /// <summary>Taken by a provider that will report delivery later through status callbacks about <paramref name="providerMessageId"/>.</summary>
    public static DeliveryResult Accepted(string providerMessageId) => new(DeliveryStatus.Delivered, providerMessageId, AwaitsReceipt: true);
}

/// <summary>A provider's status callback about one message it took, in no provider's words.</summary>
public enum ProviderStatus { Queued, Sent, Delivered, Read, Undelivered, Failed }
