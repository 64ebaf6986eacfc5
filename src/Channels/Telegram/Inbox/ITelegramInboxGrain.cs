using Lapor.Hub.Channels.Inbox;
using Orleans.Concurrency;

namespace Lapor.Hub.Channels.Telegram.Inbox;

/// <summary>
/// The inbox of one Telegram chat (key: the chat id). It durably records each update before the webhook
/// answers 200, refuses redelivered update ids, and hands accepted updates to the conversation in order,
/// retrying until they are handled.
/// </summary>
public interface ITelegramInboxGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="updateJson"/> for handling, unless <paramref name="updateId"/> was seen before.</summary>
    /// <remarks>Interleaves, so updates of one chat that arrive together share a write.</remarks>
    [AlwaysInterleave]
    Task<InboxAcceptance> Accept(long updateId, string updateJson);

    Task<TelegramInboxStatus> GetStatus();
}

[GenerateSerializer, Immutable, Alias("Lapor.Hub.TelegramInboxStatus")]
public sealed record TelegramInboxStatus(
    [property: Id(0)] int RememberedUpdateIds,
    [property: Id(1)] int Pending,
    [property: Id(2)] int GivenUp);
