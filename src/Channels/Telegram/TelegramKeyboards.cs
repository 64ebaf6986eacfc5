using System.Text;
using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;
using Telegram.Bot.Types.ReplyMarkups;

namespace Lapor.Hub.Channels.Telegram;

/// <summary>Choices as an inline keyboard: one button a row, its callback data the choice's value.</summary>
internal static class TelegramKeyboards
{
    /// <summary>Why <paramref name="choices"/> cannot be rendered (Telegram takes 1–64 bytes of callback data), or null.</summary>
    public static string? Problem(IReadOnlyList<Choice>? choices)
    {
        foreach (var choice in choices ?? [])
        {
            var bytes = Encoding.UTF8.GetByteCount(choice.Value);
            if (bytes is 0 or > Choice.MaxValueBytes)
            {
                return $"Choice value '{choice.Value}' is {bytes} bytes in UTF-8; Telegram's callback data must be 1–{Choice.MaxValueBytes} bytes.";
            }

            if (string.IsNullOrWhiteSpace(choice.Label))
            {
                return $"Choice value '{choice.Value}' has no label; a Telegram button needs text.";
            }
        }

        return null;
    }

    /// <summary>
    /// An inline keyboard; the one button asking for the citizen's own contact instead becomes a one-time reply keyboard
    /// with request_contact, since only that kind of button can share a contact.
    /// </summary>
    public static ReplyMarkup? For(IReadOnlyList<Choice>? choices) => choices switch
    {
        [{ Value: Choices.ShareContactValue } share] =>
            new ReplyKeyboardMarkup(KeyboardButton.WithRequestContact(share.Label)) { OneTimeKeyboard = true, ResizeKeyboard = true },
        { Count: > 0 } => new InlineKeyboardMarkup(choices.Select(choice => new[] { InlineKeyboardButton.WithCallbackData(choice.Label, choice.Value) })),
        _ => null,
    };
}
