using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Collections;
using Lapor.Hub.Regions;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Filing;
using Lapor.Hub.Time;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>
/// One citizen's chat. Runs the dialog, then carries out its effects — each idempotent (outbox keys, the
/// draft's filing key, the message ID as command ID) — and only then stores the new state. A crash in between
/// means the channel redelivers the message and the same effects happen at most once.
/// </summary>
[GrainType("conversation")]
public sealed partial class ConversationGrain(
    [PersistentState("conversation", GrainStorage.Name)] IPersistentState<ConversationState> stored,
    RegionCatalog regions,
    ChannelCatalog channels,
    HubClock clock,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private const int HandledMessagesKept = 200;
    private const int ReportsListed = 10;
    private ChannelAddress _address = null!;

    private ConversationState Conversation => stored.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _address = ChannelAddress.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task Receive(InboundMessage message)
    {
        if (HandledMessages.Contains(message.MessageId))
        {
            return;
        }

        try
        {
            Conversation.SenderName = message.SenderName ?? Conversation.SenderName;
            await LoadCitizensReportsAsync();
            var elsewhere = _citizensReports.Select(r => r.TrackingId).ToArray();
            var dialog = new Dialog(Conversation, regions, elsewhere);
            var replies = new Replies(this, message.MessageId);
            var effects = ContactShared(message, dialog)
                ?? await HandlePollsAsync(message, dialog, replies)
                ?? (IsSms ? new SmsDialog(Conversation, regions, elsewhere).Handle(message)
                    : HonouringOfferedChoices(message) is { } honoured ? dialog.Handle(honoured) : dialog.Reprompt());
            foreach (var effect in effects)
            {
                await CarryOutAsync(effect, replies, message.MessageId);
            }

            Conversation.OfferedChoices = effects.OfType<Say>().SelectMany(say => say.Message.Choices ?? [])
                .Select(choice => choice.Value).Distinct().ToList();

            HandledMessages.Remember(message.MessageId);
            await SyncPollRegisterAsync();
            await stored.WriteStateAsync();
        }
        catch
        {
            // The dialog moved in memory but its effects did not all happen: start over from storage.
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// A tapped value counts only if the bot offered it, whichever channel it came through: callback data can be
    /// forged. A tap alone that was not offered is answered by asking the current question again (a stale button
    /// mid-dialog; nothing at all between reports); one that came with typed text (web chat) is read as that text.
    /// </summary>
    private InboundMessage? HonouringOfferedChoices(InboundMessage message)
    {
        // "2" while choices are offered is the second one: SMS and Twilio's WhatsApp show them as numbered lines.
        if (message.ChoiceValue is null && Choices.Numbered(message.Text, Conversation.OfferedChoices) is { } numbered)
        {
            message = message with { ChoiceValue = numbered };
        }

        if (message.ChoiceValue is not { } value || Conversation.OfferedChoices.Contains(value))
        {
            return message;
        }

        logger.LogWarning("Conversation {Address}: choice {Choice} was not offered; ignored", _address, value);
        return string.IsNullOrWhiteSpace(message.Text) ? null : message with { ChoiceValue = null };
    }

    public Task<ConversationSnapshot> GetSnapshot() => Task.FromResult(new ConversationSnapshot(
        Conversation.Step, Conversation.Language, Conversation.Reports.Select(r => r.TrackingId).ToArray(), Conversation.PendingQuestion,
        Conversation.OptedOut));

    private Task CarryOutAsync(DialogEffect effect, Replies replies, string messageId) => effect switch
    {
        Say say => replies.SendAsync(say.Message),
        FileDraft file => FileAsync(file.Draft, replies),
        AddToThread thread => AddToThreadAsync(thread, replies, messageId),
        ShowStatus status => ShowStatusAsync(status.TrackingId, replies),
        ListOwnReports => ListReportsAsync(replies),
        LinkContact link => LinkContactAsync(link.Contact, replies),
        _ => throw new InvalidOperationException($"Unknown dialog effect {effect.GetType().Name}."),
    };

    private IOutboxGrain Outbox() => GrainFactory.GetOutbox(_address);

    private string Text(string key, params object?[] args) => DialogTexts.Get(Conversation.Language, key, args);

    private RecentKeys<string> HandledMessages => RecentKeys<string>.InArrivalOrder(Conversation.HandledMessages, HandledMessagesKept);

    /// <summary>Numbers the answers to one incoming message, so a redelivered message maps to the same outbox keys.</summary>
    private sealed class Replies(ConversationGrain grain, string messageId)
    {
        private int _count;

        public Task SendAsync(OutboundMessage message) =>
            grain.Outbox().Enqueue($"in:{messageId}:{_count++}", message, about: null);

        public Task SayAsync(string key, params object?[] args) => SendAsync(new OutboundMessage(grain.Text(key, args)));
    }
}
