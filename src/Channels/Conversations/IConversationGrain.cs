using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>One citizen's chat on one channel, keyed by <see cref="ChannelAddress"/> ("telegram:12345").</summary>
[Alias("Lapor.Hub.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Handles a message from the citizen. A message ID seen before is ignored.</summary>
    [Alias("Receive")]
    Task Receive(InboundMessage message);

    /// <summary>Tells the citizen about a report's history entry; idempotent by (tracking ID, sequence).</summary>
    [Alias("Notify")]
    Task Notify(ReportNotice notice);

    /// <summary>Sends a poll to the chat (issue 14) unless it opted out; idempotent by poll ID (one message per poll).</summary>
    [Alias("InviteToPoll")]
    Task<Polls.InvitationOutcome> InviteToPoll(Polls.PollInvitation poll);

    /// <summary>No more polls in this chat (the citizen said "stop all" in another of their chats).</summary>
    [Alias("OptOutOfPolls")]
    Task OptOutOfPolls();

    [Alias("GetState")]
    Task<ConversationSnapshot> GetSnapshot();
}

/// <summary>Where the dialog stands, for operators and tests.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.ConversationSnapshot")]
public sealed record ConversationSnapshot(
    [property: Id(0)] DialogStep Step,
    [property: Id(1)] string Language,
    [property: Id(2)] IReadOnlyList<string> TrackingIds,
    [property: Id(3)] string? PendingQuestion,
    [property: Id(4)] bool OptedOut = false);

public static class ConversationGrainExtensions
{
    public static IConversationGrain GetConversation(this IGrainFactory grains, ChannelAddress address) =>
        grains.GetGrain<IConversationGrain>(address.ToString());
}
