using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>The buttons the bot offers, and what each one means when tapped. Values are short ASCII (Telegram allows 64 bytes).</summary>
public static class Choices
{
    private const string ReplyPrefix = "reply:";

    public static IReadOnlyList<Choice> YesNo(string language) =>
        [new("yes", DialogTexts.Get(language, "Yes")), new("no", DialogTexts.Get(language, "No"))];

    public static IReadOnlyList<Choice> Skip(string language) => [new("skip", DialogTexts.Get(language, "Skip"))];

    public static IReadOnlyList<Choice> DoneOrSkip(string language, bool anyPhoto) =>
        [anyPhoto ? new("done", DialogTexts.Get(language, "Done")) : new("skip", DialogTexts.Get(language, "Skip"))];

    public static IReadOnlyList<Choice> SubmitOrCancel(string language) =>
        [new("submit", DialogTexts.Get(language, "Send")), new("cancel", DialogTexts.Get(language, "Cancel"))];

    public static IReadOnlyList<Choice> ReplyOrNew(string language, string trackingDisplay) =>
        [new(ReplyPrefix + trackingDisplay, DialogTexts.Get(language, "ReplyToReport", trackingDisplay)), new("new", DialogTexts.Get(language, "NewReport"))];

    /// <summary>The offered choice a typed number picks ("2", "2.", "(2)"), counting from 1 in the order offered; null otherwise.</summary>
    public static string? Numbered(string? text, IReadOnlyList<string> offered)
    {
        var typed = (text ?? "").Trim().Trim('(', ')', '.');
        return typed.Length is > 0 and <= 2 && typed.All(char.IsAsciiDigit) && int.Parse(typed, System.Globalization.CultureInfo.InvariantCulture) is var number
               && number >= 1 && number <= offered.Count
            ? offered[number - 1]
            : null;
    }
    /// <summary>
    /// The value of a button that asks the messenger to share the citizen's own contact (Telegram's request_contact). It
    /// never comes back as a tap: the answer is a contact card, which the channel verifies.
    /// </summary>
    public const string ShareContactValue = "share-contact";

    public static IReadOnlyList<Choice> ShareContact(string language) => [new(ShareContactValue, DialogTexts.Get(language, "ShareContactButton"))];

    public static Intent? Parse(string value) => value switch
    {
        "yes" => new Intent(IntentKind.Yes),
        "no" => new Intent(IntentKind.No),
        "skip" => new Intent(IntentKind.Skip),
        "done" => new Intent(IntentKind.Done),
        "submit" => new Intent(IntentKind.Submit),
        "cancel" => new Intent(IntentKind.Cancel),
        "new" => new Intent(IntentKind.NewReport),
        _ when value.StartsWith(ReplyPrefix, StringComparison.Ordinal)
               && Tracking.TrackingId.TryParse(value[ReplyPrefix.Length..], out var id) => new Intent(IntentKind.ReplyToThread, TrackingId: id),
        _ => null,
    };
}
