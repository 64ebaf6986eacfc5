using System.Globalization;
using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Telegram.Inbox;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

namespace Lapor.Hub.Channels.Telegram;

/// <summary>Where the webhook and long polling both bring an update: to its chat's inbox, which records it or refuses it as seen.</summary>
internal sealed class TelegramUpdateIntake(IGrainFactory grains, ILogger<TelegramUpdateIntake> logger)
{
    /// <summary>The inbox's answer, or null for an update without a chat (a kind the hub does not ask for).</summary>
    public async Task<InboxAcceptance?> AcceptAsync(Update update, string updateJson)
    {
        if (ChatIdOf(update) is not { } chatId)
        {
            logger.LogWarning("Telegram update {UpdateId} of type {UpdateType} has no chat; ignored", update.Id, update.Type);
            return null;
        }

        var acceptance = await grains.GetGrain<ITelegramInboxGrain>(chatId.ToString(CultureInfo.InvariantCulture)).Accept(update.Id, updateJson);
        logger.Log(acceptance == InboxAcceptance.Accepted ? LogLevel.Debug : LogLevel.Information,
            "Telegram update {UpdateId} of chat {ChatId}: {Acceptance}", update.Id, ChannelAddress.MaskId(chatId), acceptance);
        return acceptance;
    }

    // A callback query from a message too old to be included still comes from a user; in a private chat the chat id is the user id.
    // The library declares chat and from as never null, but a malformed update may lack them: such an update is ignored, not a crash
    // (a 500 would make Telegram deliver it again and again).
    private static long? ChatIdOf(Update update) =>
        update.Message?.Chat?.Id ?? update.CallbackQuery?.Message?.Chat?.Id ?? update.CallbackQuery?.From?.Id;
}
